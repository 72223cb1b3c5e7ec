package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.VarianceScaling.Distribution;
import org.nninit.VarianceScaling.Mode;
import org.nninit.random.TorchGenerator;

/**
 * The peers' initializers against their published formulas, exactly: each is compared bit for bit with the
 * plain distribution its formula names, drawn from the same {@link TorchGenerator} stream.
 */
class PeerFormulaTest {

    private static final double KERAS_TRUNCATED_STD = 0.87962566103423978;

    private static INDArray floats(long... shape) {
        return Nd4j.create(DataType.FLOAT, shape);
    }

    private static void assertSameValues(INDArray actual, INDArray expected) {
        assertThat(RowMajor.readDoubles(actual)).containsExactly(RowMajor.readDoubles(expected));
    }

    // ---------------------------------------------------------------- fans

    @Test
    void layoutsGiveTheirLibrariesFans() {
        long[] torchConv = {128, 32, 4, 4};
        assertThat(FanLayout.TORCH.fans(torchConv)).containsExactly(32 * 16, 128 * 16);
        assertThat(FanLayout.KERAS.fans(new long[] {4, 4, 32, 128})).containsExactly(32 * 16, 128 * 16);
        assertThat(FanLayout.TRANSPOSED_CONV.fans(torchConv)).containsExactly(128 * 16, 32 * 16);
        // Keras's compute_fans: a vector has fan_in = fan_out = its length, a scalar 1
        assertThat(FanLayout.KERAS.fans(new long[] {7})).containsExactly(7, 7);
        assertThat(FanLayout.KERAS.fans(new long[0])).containsExactly(1, 1);
        // JAX's _compute_fans with a batch axis and with several input axes
        assertThat(FanLayout.axes(new int[] {-2}, new int[] {-1}, new int[] {0}).fans(new long[] {16, 64, 32}))
                .containsExactly(64, 32);
        assertThat(FanLayout.axes(new int[] {0, 1}, new int[] {2}, new int[0]).fans(new long[] {2, 3, 5, 7}))
                .containsExactly(2 * 3 * 7, 5 * 7);
    }

    @ParameterizedTest
    @CsvSource({"'5, 3'", "'64, 3, 7, 7'", "'2, 8, 3, 3, 3'", "'1, 1'"})
    void torchLayoutIsPyTorchsFanRule(String dims) {
        long[] shape = java.util.Arrays.stream(dims.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
        Fans fans = Fans.of(shape);
        assertThat(FanLayout.TORCH.fans(shape)).containsExactly(fans.fanIn(), fans.fanOut());
    }

    @Test
    void layoutsRejectWhatTheirLibrariesReject() {
        assertThatThrownBy(() -> FanLayout.TORCH.fans(new long[] {7})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than 2 dimensions").hasMessageContaining("[7]");
        assertThatThrownBy(() -> FanLayout.axes(new int[] {2}, new int[] {0}, new int[0]).fans(new long[] {3, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inAxes holds axis 2");
        assertThatThrownBy(() -> FanLayout.axes(null, new int[] {0}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inAxes=null");
    }

    // ---------------------------------------------------------------- VarianceScaling

    @Test
    void uniformLimitIsSqrtOfThreeScaleOverFan() {
        INDArray actual = VarianceScaling.heUniform().fill(floats(128, 32, 4, 4), new TorchGenerator(1));
        double limit = Math.sqrt(3 * (2.0 / 512));   // Keras HeUniform: fan_in = 32 * 4 * 4
        assertSameValues(actual, new Uniform(-limit, limit).fill(floats(128, 32, 4, 4), new TorchGenerator(1)));
        assertThat(actual.amaxNumber().doubleValue()).isLessThanOrEqualTo(limit);
    }

    @Test
    void truncatedStdIsDividedByTheTruncatedNormalsStdAndCutAtTwoStd() {
        INDArray actual = VarianceScaling.heNormal().fill(floats(128, 32, 4, 4), new TorchGenerator(2));
        double std = Math.sqrt(2.0 / 512) / KERAS_TRUNCATED_STD;
        assertSameValues(actual, new TruncNormal(0, std, -2 * std, 2 * std).fill(floats(128, 32, 4, 4),
                new TorchGenerator(2)));
        assertThat(actual.amaxNumber().doubleValue()).isLessThanOrEqualTo((float) (2 * std));
    }

    @Test
    void untruncatedNormalHasStdSqrtScaleOverFan() {
        INDArray actual = new VarianceScaling(0.5, Mode.FAN_OUT, Distribution.UNTRUNCATED_NORMAL, FanLayout.TORCH)
                .fill(floats(128, 32, 4, 4), new TorchGenerator(3));
        assertSameValues(actual, new Normal(0, Math.sqrt(0.5 / 2048)).fill(floats(128, 32, 4, 4),
                new TorchGenerator(3)));
    }

    @Test
    void fanAvgIsTheMeanOfBothFans() {
        INDArray actual = VarianceScaling.glorotUniform().fill(floats(128, 512), new TorchGenerator(4));
        double limit = Math.sqrt(3 * (1.0 / ((512 + 128) / 2.0)));
        assertSameValues(actual, new Uniform(-limit, limit).fill(floats(128, 512), new TorchGenerator(4)));
    }

    /** Keras divides by max(1, fan): fans below 1 (possible only when passed, e.g. DL4J's) count as 1. */
    @Test
    void fanBelowOneCountsAsOne() {
        INDArray actual = new VarianceScaling().distribution(Distribution.UNIFORM).scale(0.75)
                .fill(floats(16, 16), 0.25, 0.5, new TorchGenerator(5));
        double limit = Math.sqrt(3 * 0.75);
        assertSameValues(actual, new Uniform(-limit, limit).fill(floats(16, 16), new TorchGenerator(5)));
        assertThatThrownBy(() -> new VarianceScaling().fill(floats(4, 4), Double.NaN, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fanIn=NaN");
    }

    /** Keras's kernel [in, out] in the Keras layout and PyTorch's weight [out, in]: the same fans, the same draws. */
    @Test
    void kerasLayoutOfTheTransposedKernelGivesTheSameValues() {
        INDArray keras = VarianceScaling.lecunUniform().layout(FanLayout.KERAS).fill(floats(32, 128),
                new TorchGenerator(6));
        INDArray torch = VarianceScaling.lecunUniform().fill(floats(128, 32), new TorchGenerator(6));
        assertSameValues(keras, torch);
    }

    @Test
    void namedConstructorsAreKerasSubclasses() {
        assertThat(VarianceScaling.glorotNormal()).isEqualTo(new VarianceScaling(1, Mode.FAN_AVG,
                Distribution.TRUNCATED_NORMAL, FanLayout.TORCH));
        assertThat(VarianceScaling.glorotUniform()).isEqualTo(new VarianceScaling().mode(Mode.FAN_AVG)
                .distribution(Distribution.UNIFORM));
        assertThat(VarianceScaling.heNormal()).isEqualTo(new VarianceScaling().scale(2));
        assertThat(VarianceScaling.heUniform()).isEqualTo(new VarianceScaling().scale(2)
                .distribution(Distribution.UNIFORM));
        assertThat(VarianceScaling.lecunNormal()).isEqualTo(new VarianceScaling());
        assertThat(VarianceScaling.lecunUniform()).isEqualTo(new VarianceScaling().distribution(Distribution.UNIFORM));
        assertThat(Mode.fromName("fan_avg")).isEqualTo(Mode.FAN_AVG);
        assertThat(Distribution.fromName("untruncated_normal")).isEqualTo(Distribution.UNTRUNCATED_NORMAL);
        assertThatThrownBy(() -> Distribution.fromName("normal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distribution=normal");
        assertThatThrownBy(() -> Mode.fromName("fan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode=fan");
    }

    // ---------------------------------------------------------------- timm

    @Test
    void truncNormalTfScalesAStandardTruncatedNormal() {
        INDArray actual = new TruncNormalTf(0.1, 0.5, -1, 2).fill(floats(64, 64), new TorchGenerator(7));
        assertSameValues(actual, new TruncNormal(0.1, 0.5, 0.1 - 0.5, 0.1 + 1.0).fill(floats(64, 64),
                new TorchGenerator(7)));
        assertThat(actual.minNumber().doubleValue()).isGreaterThanOrEqualTo((float) (0.1 - 0.5));
        assertThat(actual.maxNumber().doubleValue()).isLessThanOrEqualTo((float) (0.1 + 1.0));
    }

    /** timm's lecun_normal_: variance_scaling_(fan_in, truncated_normal) with PyTorch's fans. */
    @Test
    void timmLecunNormalIsTruncatedWithPyTorchsFanIn() {
        INDArray actual = VarianceScaling.lecunNormal().fill(floats(64, 3, 7, 7), new TorchGenerator(8));
        double std = Math.sqrt(1.0 / (3 * 49)) / KERAS_TRUNCATED_STD;
        assertSameValues(actual, new TruncNormal(0, std, -2 * std, 2 * std).fill(floats(64, 3, 7, 7),
                new TorchGenerator(8)));
    }

    // ---------------------------------------------------------------- orthogonal family

    /** On a matrix, JAX's and Keras's orthogonal with the last axis as columns is PyTorch's orthogonal_. */
    @ParameterizedTest
    @CsvSource({"40, 10", "10, 40", "16, 16"})
    void columnOrthogonalOfAMatrixIsPyTorchsOrthogonal(int rows, int cols) {
        INDArray keras = ColumnOrthogonal.keras(1.5).fill(floats(rows, cols), new TorchGenerator(9));
        assertSameValues(keras, new Orthogonal(1.5).fill(floats(rows, cols), new TorchGenerator(9)));
    }

    /** JAX: the column axis is moved into place after a reshape of the other axes in order. */
    @Test
    void columnAxisIsMovedIntoPlace() {
        INDArray first = new ColumnOrthogonal(1.0, 0).fill(floats(6, 4, 5), new TorchGenerator(10));
        INDArray last = new ColumnOrthogonal(1.0, -1).fill(floats(4, 5, 6), new TorchGenerator(10));
        assertSameValues(first, last.permute(2, 0, 1));
    }

    /** Keras's flattening (rows = prod(shape[:-1])) and PyTorch's (rows = shape[0]) are different matrices. */
    @Test
    void kerasAndPyTorchFlattenDifferently() {
        INDArray keras = ColumnOrthogonal.keras(1.0).fill(Nd4j.create(DataType.DOUBLE, 3, 3, 4, 8), new TorchGenerator(11));
        Initializers.assertOrthonormal(keras.reshape('c', 36, 8), 36, 8, 1.0);
        INDArray torch = new Orthogonal().fill(Nd4j.create(DataType.DOUBLE, 3, 3, 4, 8), new TorchGenerator(11));
        Initializers.assertOrthonormal(torch.reshape('c', 3, 96), 3, 96, 1.0);
    }

    /** JAX's delta_orthogonal: the orthogonal [in, out] matrix at the centre (k - 1) // 2, zeros elsewhere. */
    @Test
    void deltaOrthogonalPutsTheOrthogonalMatrixAtJaxsCentre() {
        INDArray kernel = new DeltaOrthogonal(1.0, -1, FanLayout.KERAS).fill(floats(4, 4, 3, 5), new TorchGenerator(12));
        INDArray matrix = new ColumnOrthogonal(1.0, -1).fill(floats(3, 5), new TorchGenerator(12));
        assertSameValues(kernel.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup('c'), matrix);
        assertThat(kernel.norm2Number().doubleValue()).isCloseTo(Math.sqrt(3), org.assertj.core.api.Assertions.within(1e-5));
        // PyTorch layout [out, in, k, k]: the same matrix, transposed into [out, in]
        INDArray torch = new DeltaOrthogonal().fill(floats(5, 3, 4, 4), new TorchGenerator(12));
        assertSameValues(torch.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup('c'),
                matrix.transpose().dup('c'));
    }

    @Test
    void kaimingTakesTheFansItIsGiven() {
        INDArray actual = new KaimingNormal().fill(floats(8, 8), 288, 64, new TorchGenerator(13));
        double std = Math.sqrt(2.0) / Math.sqrt(288);   // leaky_relu with a = 0
        assertSameValues(actual, new Normal(0, std).fill(floats(8, 8), new TorchGenerator(13)));
        assertThatThrownBy(() -> new KaimingUniform().mode(FanMode.FAN_OUT).fill(floats(2, 2), 4, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fan_out=0.0");
        assertThatThrownBy(() -> new XavierNormal().fill(floats(2, 2), 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fanIn + fanOut=0.0");
    }
}
