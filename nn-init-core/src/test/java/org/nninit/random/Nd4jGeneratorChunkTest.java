package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Large arrays go to ND4J's native op a part at a time (it repeats after 2^31 elements): checked here with
 * small parts, on 'c' and 'f' arrays, that every element is written, in place, with fresh values in each part.
 */
class Nd4jGeneratorChunkTest {

    @Test
    void partsCoverTheArrayWithFreshValues() {
        for (char order : new char[] {'c', 'f'}) {
            INDArray t = Nd4j.create(DataType.FLOAT, new long[] {50, 70}, order).assign(42);
            Nd4jGenerator gen = Nd4jGenerator.of(Nd4j.getRandomFactory().getNewRandomInstance(9));
            gen.fillInChunks(t, target -> new UniformDistribution(target, 0, 1), 1000);
            float[] buffer = t.data().asFloat();
            assertThat(buffer).hasSize(3500).doesNotContain(42f);
            for (float v : buffer) {
                assertThat(v).isBetween(0f, 1f);
            }
            // parts do not repeat each other, as one native call past 2^31 elements does
            assertThat(Arrays.copyOfRange(buffer, 1000, 1010)).isNotEqualTo(Arrays.copyOfRange(buffer, 0, 10));
        }
    }
}
