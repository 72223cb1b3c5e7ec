package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nninit.random.Nd4jGenerator;

/**
 * sparse's in-place zero writes (sorted by row in a row-major matrix, column by column in a column-major one)
 * against a strided view of a wider matrix: ND4J's generator fills the view through a dense temporary of
 * its shape, so both see the same draws and permutations.
 */
class InPlaceSparseTest {

    private static final double SENTINEL = 7.0;

    private static Nd4jGenerator seeded() {
        return Nd4jGenerator.of(Nd4j.getRandomFactory().getNewRandomInstance(99));
    }

    @Test
    void zerosMatchBetweenDenseArraysAndViews() {
        for (char order : new char[] {'c', 'f'}) {
            INDArray dense = Nd4j.create(DataType.FLOAT, new long[] {50, 37}, order);
            INDArray parent = Nd4j.valueArrayOf(new long[] {50, 74}, SENTINEL, DataType.FLOAT);
            INDArray view = parent.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 37));

            Init.sparse(dense, 0.3, 1.0, seeded());
            Init.sparse(view, 0.3, 1.0, seeded());

            if (order == 'c') {
                assertThat(RowMajor.readFloats(dense)).containsExactly(RowMajor.readFloats(view));
            }
            for (int col = 0; col < 37; col++) {
                int zeros = 0;
                for (int row = 0; row < 50; row++) {
                    zeros += dense.getDouble(row, col) == 0.0 ? 1 : 0;
                }
                assertThat(zeros).as("%s-order column %d", order, col).isEqualTo(15);
            }
            assertThat(RowMajor.readDoubles(parent.get(NDArrayIndex.all(), NDArrayIndex.interval(37, 74))))
                    .containsOnly(SENTINEL);
        }
    }
}
