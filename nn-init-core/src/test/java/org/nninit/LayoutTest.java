package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Memory order, views, strided slices, rank-1 parameter views, dtypes and empty arrays. */
class LayoutTest {

    private static final double SENTINEL = 7.0;

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(5);
    }

    static Stream<Arguments> matrixFunctions() {
        return Stream.of(
                Arguments.of("uniform", (Consumer<INDArray>) t -> Init.uniform(t, -1, 1)),
                Arguments.of("normal", (Consumer<INDArray>) t -> Init.normal(t, 0, 1)),
                Arguments.of("trunc_normal inverse cdf", (Consumer<INDArray>) t ->
                        Init.truncNormal(t, 0, 1, -2, 2, TruncNormalMethod.INVERSE_CDF, null)),
                Arguments.of("trunc_normal rejection", (Consumer<INDArray>) t ->
                        Init.truncNormal(t, 0, 1, -2, 2, TruncNormalMethod.REJECTION, null)),
                Arguments.of("constant", (Consumer<INDArray>) t -> Init.constant(t, 0.5)),
                Arguments.of("eye", (Consumer<INDArray>) Init::eye),
                Arguments.of("xavier_uniform", (Consumer<INDArray>) Init::xavierUniform),
                Arguments.of("xavier_normal", (Consumer<INDArray>) Init::xavierNormal),
                Arguments.of("kaiming_uniform", (Consumer<INDArray>) Init::kaimingUniform),
                Arguments.of("kaiming_normal", (Consumer<INDArray>) Init::kaimingNormal),
                Arguments.of("orthogonal", (Consumer<INDArray>) Init::orthogonal),
                Arguments.of("sparse", (Consumer<INDArray>) t -> Init.sparse(t, 0.5, 1.0)));
    }

    /** A column slice of a row-major matrix is strided: writes must stay inside it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("matrixFunctions")
    void stridedSliceWritesStayInside(String name, Consumer<INDArray> call) {
        INDArray parent = Nd4j.valueArrayOf(new long[] {6, 8}, SENTINEL, DataType.FLOAT);
        INDArray slice = parent.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        call.accept(slice);
        for (int row = 0; row < 6; row++) {
            for (int col = 0; col < 8; col++) {
                double value = parent.getDouble(row, col);
                if (col >= 2 && col < 5) {
                    assertThat(value).as("(%d,%d) inside", row, col).isNotEqualTo(SENTINEL);
                } else {
                    assertThat(value).as("(%d,%d) outside", row, col).isEqualTo(SENTINEL);
                }
            }
        }
    }

    /**
     * A column-major array is read as the same logical [rows, cols] tensor. With the same seed: deterministic and
     * QR-based results are logically equal to the row-major ones; element-wise fills draw the same values (ND4J's
     * generator fills memory order, so only their places differ); sparse keeps its zeros per column.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("matrixFunctions")
    void columnMajorArraysGetTheSameStructure(String name, Consumer<INDArray> call) {
        INDArray rowMajor = Nd4j.create(DataType.DOUBLE, new long[] {6, 4}, 'c');
        INDArray columnMajor = Nd4j.create(DataType.DOUBLE, new long[] {6, 4}, 'f');
        Nd4j.getRandom().setSeed(11);
        call.accept(rowMajor);
        Nd4j.getRandom().setSeed(11);
        call.accept(columnMajor);
        assertThat(columnMajor.ordering()).isEqualTo('f');
        switch (name) {
            case "eye", "constant", "orthogonal" -> assertThat(columnMajor).isEqualTo(rowMajor);
            case "sparse" -> {
                for (int col = 0; col < 4; col++) {
                    assertThat(columnMajor.getColumn(col).eq(0.0).castTo(DataType.INT32).sumNumber().intValue())
                            .as("zeros in column %d", col).isEqualTo(3);
                }
            }
            default -> {
                double[] expected = RowMajor.readDoubles(rowMajor);
                double[] actual = RowMajor.readDoubles(columnMajor);
                java.util.Arrays.sort(expected);
                java.util.Arrays.sort(actual);
                assertThat(actual).containsExactly(expected);
            }
        }
    }

    @Test
    void eyeOnColumnMajorIsTheLogicalIdentity() {
        INDArray t = Init.eye(Nd4j.rand(DataType.FLOAT, 'f', 3, 5));
        assertThat(RowMajor.readDoubles(t)).containsExactly(
                1, 0, 0, 0, 0,
                0, 1, 0, 0, 0,
                0, 0, 1, 0, 0);
    }

    @Test
    void orthogonalOnColumnMajorAndTransposedViews() {
        INDArray columnMajor = Init.orthogonal(Nd4j.create(DataType.DOUBLE, new long[] {5, 9}, 'f'));
        assertThat(columnMajor.mmul(columnMajor.transpose()).sub(Nd4j.eye(5).castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue()).isLessThan(1e-12);
        INDArray transposed = Init.orthogonal(Nd4j.create(DataType.DOUBLE, 9, 5).transpose());   // [5, 9] view
        assertThat(transposed.mmul(transposed.transpose()).sub(Nd4j.eye(5).castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** DL4J hands IWeightInit a rank-1 view into the flat parameter vector. */
    @Test
    void rankOneParameterViewsAreFilledInPlace() {
        INDArray flat = Nd4j.valueArrayOf(new long[] {20}, SENTINEL, DataType.FLOAT);
        INDArray view = flat.get(NDArrayIndex.interval(4, 16));
        Init.uniform(view, -1, 1);
        Init.kaimingUniform(view.reshape('c', 3, 4), 0, FanMode.FAN_IN, Nonlinearity.RELU, null);
        double bound = Math.sqrt(3.0) * Math.sqrt(2.0) / 2;   // fan_in 4
        for (int i = 0; i < 20; i++) {
            double value = flat.getDouble(i);
            if (i >= 4 && i < 16) {
                assertThat(Math.abs(value)).isLessThanOrEqualTo(bound).isNotEqualTo(SENTINEL);
            } else {
                assertThat(value).isEqualTo(SENTINEL);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF", "BFLOAT16"})
    void everyFloatingDtype(DataType dtype) {
        INDArray t = Nd4j.create(dtype, 64, 32);
        Init.xavierUniform(t);
        double bound = Math.sqrt(6.0 / 96);
        double[] values = RowMajor.readDoubles(t);
        assertThat(Samples.boxed(values)).allSatisfy(v -> assertThat(Math.abs(v)).isLessThanOrEqualTo(bound * 1.01));
        assertThat(Samples.std(values)).isCloseTo(bound / Math.sqrt(3), org.assertj.core.api.Assertions.within(0.01));
        Init.orthogonal(t);
        INDArray asFloat = t.castTo(DataType.FLOAT);
        double tolerance = dtype == DataType.BFLOAT16 ? 0.05 : dtype == DataType.HALF ? 0.005 : 1e-5;
        assertThat(asFloat.transpose().mmul(asFloat).sub(Nd4j.eye(32).castTo(DataType.FLOAT))
                .amaxNumber().doubleValue()).isLessThan(tolerance);
        assertThat(t.dataType()).isEqualTo(dtype);
    }

    /** BFLOAT16 is rounded to nearest (0.1 becomes 0.10009765625), not truncated (0.099609375). */
    @Test
    void bfloat16RoundsToNearest() {
        INDArray t = Nd4j.create(DataType.BFLOAT16, 2, 2);
        Init.truncNormal(t, 0.1, 1e-9, 0.1 - 1e-6, 0.1 + 1e-6, TruncNormalMethod.REJECTION, null);
        assertThat(RowMajor.readDoubles(t)).containsOnly(0.10009765625);
    }

    static Stream<Consumer<INDArray>> everyFunction() {
        return BadInputTest.everyFunction();
    }

    @ParameterizedTest
    @MethodSource("everyFunction")
    void zeroElementArraysAreANoOp(Consumer<INDArray> call) {
        INDArray empty = Nd4j.create(DataType.FLOAT, 0, 5);
        call.accept(empty);
        assertThat(empty.length()).isZero();
    }

    @Test
    void zeroElementConvolutionWeightsAreANoOp() {
        org.assertj.core.api.Assertions.assertThatCode(() -> Init.dirac(Nd4j.create(DataType.FLOAT, 0, 3, 3)))
                .doesNotThrowAnyException();
        // PyTorch warns and returns before checking the rank, so a 1-D empty tensor is no error either.
        org.assertj.core.api.Assertions.assertThatCode(() -> Init.kaimingNormal(Nd4j.create(DataType.FLOAT, 0)))
                .doesNotThrowAnyException();
    }
}
