package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.RowMajor;

/**
 * {@link TorchGenerator#normalAt} against the whole {@code normal_} fill it stands for: the same values at the
 * wanted indices, bit for bit, and the same generator state afterwards, for every dtype, version and CPU kind,
 * sizes around the 16-element blocks and the redrawn last block, both orders, and sparse and dense index sets.
 */
class NormalAtTest {

    @ParameterizedTest
    @CsvSource({"FLOAT,2.10,AVX2", "FLOAT,2.10,DEFAULT", "DOUBLE,2.10,AVX2", "HALF,2.10,AVX2", "BFLOAT16,2.10,AVX2",
            "HALF,1.13,AVX2", "BFLOAT16,1.13,DEFAULT", "FLOAT,1.13,AVX2", "DOUBLE,1.13,DEFAULT", "HALF,2.12,AVX2",
            "BFLOAT16,2.12,DEFAULT", "FLOAT,2.12,AVX2"})
    void valuesAndStreamMatchTheWholeFill(String dtype, String version, String cpu) {
        DataType type = DataType.valueOf(dtype);
        SplittableRandom pick = new SplittableRandom(dtype.hashCode() + version.hashCode() + cpu.hashCode());
        for (long[] shape : new long[][] {{16}, {17}, {31}, {32}, {7, 11}, {100, 10}, {3}, {65_537}, {70, 1001}}) {
            for (char order : new char[] {'c', 'f'}) {
                long n = LongStream.of(shape).reduce(1, (x, y) -> x * y);
                for (double density : new double[] {0.002, 0.1, 1.0}) {
                    long[] indices = LongStream.range(0, n).filter(i -> pick.nextDouble() < density || i == n - 1)
                            .toArray();
                    TorchGenerator whole = new TorchGenerator(5, TorchVersion.of(version), CpuCapability.of(cpu));
                    TorchGenerator blocks = new TorchGenerator(5, TorchVersion.of(version), CpuCapability.of(cpu));
                    INDArray filled = Nd4j.create(type, shape, order);
                    whole.fillNormal(filled, 0.5, 2);
                    double[] expected = RowMajor.readDoubles(filled);
                    double[] actual = blocks.normalAt(type, shape, order, indices, 0.5, 2);
                    for (int k = 0; k < indices.length; k++) {
                        assertThat(actual[k]).as("%s %s %s shape %s order %s index %d", type, version, cpu,
                                java.util.Arrays.toString(shape), order, indices[k])
                                .isEqualTo(expected[(int) indices[k]]);
                    }
                    assertThat(blocks.getState()).isEqualTo(whole.getState());
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"-1", "100", "5;5", "7;3"})
    void badIndicesAreRefusedWithoutDrawing(String spec) {
        long[] indices = java.util.Arrays.stream(spec.split(";")).mapToLong(Long::parseLong).toArray();
        TorchGenerator gen = new TorchGenerator(2);
        byte[] before = gen.getState();
        assertThatThrownBy(() -> gen.normalAt(DataType.FLOAT, new long[] {100}, 'c', indices, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("indices");
        assertThatThrownBy(() -> gen.normalAt(DataType.INT, new long[] {100}, 'c', new long[] {1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT");
        assertThat(gen.getState()).isEqualTo(before);
    }
}
