package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.modules.ModuleDefaults;
import org.nninit.RowMajor;

/** Module defaults draw in PyTorch's order from one {@link TorchGenerator} stream. */
class ModuleDefaultsTorchTest {

    private static float uniformFloat(long draw, double bound) {
        float from = (float) -bound;
        // One rounding: PyTorch's AVX2 uniform kernel computes u * (to - from) + from as a fused multiply-add.
        return Math.fma((draw & 0xffffff) * 0x1.0p-24f, (float) bound - from, from);
    }

    private static void assertUniformFrom(TorchGenerator reference, INDArray tensor, double bound, String what) {
        float[] actual = RowMajor.readFloats(tensor);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s element %d", what, i).isEqualTo(uniformFloat(reference.random(), bound));
        }
    }

    @Test
    void linearDrawsWeightThenBiasWithBoundOneOverSqrtFanIn() {
        TorchGenerator gen = new TorchGenerator(0);
        TorchGenerator reference = gen.copy();
        INDArray w = Nd4j.create(DataType.FLOAT, 3, 5);
        INDArray b = Nd4j.create(DataType.FLOAT, 3);
        ModuleDefaults.linear(w, b, gen);
        // kaiming_uniform_(a=sqrt(5)): gain sqrt(2/6), bound sqrt(3)*gain/sqrt(5) = 1/sqrt(5)
        double weightBound = Math.sqrt(3.0) * Math.sqrt(2.0 / 6.0) / Math.sqrt(5);
        assertUniformFrom(reference, w, weightBound, "weight");
        assertUniformFrom(reference, b, 1 / Math.sqrt(5), "bias");
        assertThat(gen.random()).isEqualTo(reference.random());
    }

    @Test
    void convUsesFanInOfTheKernel() {
        TorchGenerator gen = new TorchGenerator(1);
        TorchGenerator reference = gen.copy();
        INDArray w = Nd4j.create(DataType.FLOAT, 4, 2, 3, 3);
        INDArray b = Nd4j.create(DataType.FLOAT, 4);
        ModuleDefaults.conv(w, b, gen);
        assertUniformFrom(reference, w, Math.sqrt(3.0) * Math.sqrt(2.0 / 6.0) / Math.sqrt(18), "weight");
        assertUniformFrom(reference, b, 1 / Math.sqrt(18), "bias");
    }

    @Test
    void embeddingIsStandardNormalThenPaddingRowZero() {
        TorchGenerator gen = new TorchGenerator(2);
        TorchGenerator reference = gen.copy();
        INDArray w = Nd4j.create(DataType.FLOAT, 6, 4);
        ModuleDefaults.embedding(w, -1, gen);
        INDArray expected = Init.normal(Nd4j.create(DataType.FLOAT, 6, 4), 0, 1, reference);
        expected.getRow(5).assign(0);
        assertThat(RowMajor.readFloats(w)).containsExactly(RowMajor.readFloats(expected));
    }

    @Test
    void recurrentDrawsEveryParameterInRegistrationOrder() {
        TorchGenerator gen = new TorchGenerator(3);
        TorchGenerator reference = gen.copy();
        List<INDArray> params = List.of(Nd4j.create(DataType.FLOAT, 8, 3), Nd4j.create(DataType.FLOAT, 8, 2),
                Nd4j.create(DataType.FLOAT, 8), Nd4j.create(DataType.FLOAT, 8));
        ModuleDefaults.recurrent(params, 2, gen);
        for (INDArray p : params) {
            assertUniformFrom(reference, p, 1 / Math.sqrt(2), "parameter");
        }
    }

    @Test
    void multiheadAttentionDrawsOutProjectionFirstThenInProjectionThenBiasKv() {
        int e = 4;
        TorchGenerator gen = new TorchGenerator(4);
        TorchGenerator reference = gen.copy();
        INDArray inW = Nd4j.create(DataType.FLOAT, 3 * e, e);
        INDArray inB = Nd4j.ones(DataType.FLOAT, 3 * e);
        INDArray outW = Nd4j.create(DataType.FLOAT, e, e);
        INDArray outB = Nd4j.ones(DataType.FLOAT, e);
        INDArray biasK = Nd4j.create(DataType.FLOAT, 1, 1, e);
        INDArray biasV = Nd4j.create(DataType.FLOAT, 1, 1, e);
        ModuleDefaults.multiheadAttention(List.of(inW), inB, outW, outB, biasK, biasV, gen);

        INDArray expectedOutW = Nd4j.create(DataType.FLOAT, e, e);
        INDArray expectedOutB = Nd4j.create(DataType.FLOAT, e);
        ModuleDefaults.linear(expectedOutW, expectedOutB, reference);
        assertThat(RowMajor.readFloats(outW)).containsExactly(RowMajor.readFloats(expectedOutW));
        assertUniformFrom(reference, inW, Math.sqrt(6.0 / (e + 3 * e)), "in_proj_weight");
        assertThat(RowMajor.readFloats(inB)).containsOnly(0f);
        assertThat(RowMajor.readFloats(outB)).containsOnly(0f);
        INDArray expectedK = Init.xavierNormal(Nd4j.create(DataType.FLOAT, 1, 1, e), 1.0, reference);
        INDArray expectedV = Init.xavierNormal(Nd4j.create(DataType.FLOAT, 1, 1, e), 1.0, reference);
        assertThat(RowMajor.readFloats(biasK)).containsExactly(RowMajor.readFloats(expectedK));
        assertThat(RowMajor.readFloats(biasV)).containsExactly(RowMajor.readFloats(expectedV));
        assertThat(gen.random()).isEqualTo(reference.random());
    }

    @Test
    void packedMultiheadAttentionOverloadMatchesTheGeneralOne() {
        int e = 3;
        TorchGenerator a = new TorchGenerator(5);
        TorchGenerator b = new TorchGenerator(5);
        INDArray inW1 = Nd4j.create(DataType.FLOAT, 3 * e, e);
        INDArray outW1 = Nd4j.create(DataType.FLOAT, e, e);
        INDArray inW2 = Nd4j.create(DataType.FLOAT, 3 * e, e);
        INDArray outW2 = Nd4j.create(DataType.FLOAT, e, e);
        ModuleDefaults.multiheadAttention(inW1, Nd4j.create(DataType.FLOAT, 3 * e), outW1,
                Nd4j.create(DataType.FLOAT, e), a);
        ModuleDefaults.multiheadAttention(List.of(inW2), Nd4j.create(DataType.FLOAT, 3 * e), outW2,
                Nd4j.create(DataType.FLOAT, e), null, null, b);
        assertThat(RowMajor.readFloats(inW1)).containsExactly(RowMajor.readFloats(inW2));
        assertThat(RowMajor.readFloats(outW1)).containsExactly(RowMajor.readFloats(outW2));
    }

    @Test
    void sparseDrawsNormalThenOneRandpermPerColumnFromTheSameStream() {
        TorchGenerator gen = new TorchGenerator(6);
        TorchGenerator reference = gen.copy();
        INDArray w = Nd4j.create(DataType.FLOAT, 5, 3);
        Init.sparse(w, 0.4, 0.01, gen);
        INDArray expected = Init.normal(Nd4j.create(DataType.FLOAT, 5, 3), 0, 0.01, reference);
        for (int col = 0; col < 3; col++) {
            long[] rows = reference.randperm(5);
            expected.putScalar(rows[0], col, 0);
            expected.putScalar(rows[1], col, 0);
        }
        assertThat(RowMajor.readFloats(w)).containsExactly(RowMajor.readFloats(expected));
    }
}
