package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.RowMajor;

/**
 * {@link TorchGenerator#skipUniform}: the stream afterwards is the one after a real {@code uniform_} on the same
 * tensor (state bytes equal, and the next fill equal), for every dtype, both versions with different uniform
 * kernels, odd sizes and a strided view, and the tensor itself is not touched.
 */
class SkipUniformTest {

    @ParameterizedTest
    @CsvSource({"FLOAT,2.10", "DOUBLE,2.10", "HALF,2.10", "BFLOAT16,2.10", "FLOAT,1.13", "HALF,1.13",
            "HALF,2.12", "DOUBLE,2.12"})
    void skippingLeavesTheStreamWhereAUniformFillLeavesIt(String dtype, String version) {
        DataType type = DataType.valueOf(dtype);
        for (long[] shape : new long[][] {{7}, {300, 301}, {16}, {70_001}, {5, 6}}) {
            TorchGenerator drawn = new TorchGenerator(17, TorchVersion.of(version));
            TorchGenerator skipped = new TorchGenerator(17, TorchVersion.of(version));
            drawn.fillNormal(Nd4j.create(DataType.FLOAT, 3), 0, 1);    // a cached normal must survive both
            skipped.fillNormal(Nd4j.create(DataType.FLOAT, 3), 0, 1);

            drawn.fillUniform(Nd4j.create(type, shape), -0.5, 2);
            // {5, 6} is skipped through a strided view: only the length and dtype count.
            INDArray untouched = shape.length == 2 && shape[0] == 5
                    ? Nd4j.valueArrayOf(new long[] {5, 12}, 3.0, type).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 12))
                    : Nd4j.valueArrayOf(shape, 3.0, type);
            skipped.skipUniform(untouched);

            assertThat(skipped.getState()).as("%s %s", type, java.util.Arrays.toString(shape))
                    .isEqualTo(drawn.getState());
            assertThat(RowMajor.readDoubles(untouched)).containsOnly(3.0);
            assertThat(RowMajor.readFloats(normals(skipped, type))).containsExactly(RowMajor.readFloats(normals(drawn, type)));
        }
    }

    private static INDArray normals(TorchGenerator gen, DataType type) {
        INDArray t = Nd4j.create(type, 33);
        gen.fillNormal(t, 0, 1);
        return t;
    }

    @ParameterizedTest
    @CsvSource({"INT", "LONG"})
    void nonFloatingArraysAreRefusedWithoutAdvancing(String dtype) {
        TorchGenerator gen = new TorchGenerator(1);
        byte[] before = gen.getState();
        assertThatThrownBy(() -> gen.skipUniform(Nd4j.create(DataType.valueOf(dtype), 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(dtype);
        assertThatThrownBy(() -> gen.skipUniform(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(gen.getState()).isEqualTo(before);
    }
}
