package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every PyTorch error case: an IllegalArgumentException naming the argument and value, and the array untouched. */
class BadInputTest {

    private static Arguments error(String name, long[] shape, Consumer<INDArray> call, String... messageParts) {
        return Arguments.of(name, shape, call, messageParts);
    }

    static Stream<Arguments> errors() {
        long[] vector = {6};
        long[] matrix = {4, 6};
        long[] cube = {4, 6, 3};
        return Stream.of(
                error("xavier_uniform_ on 1-D", vector, t -> Init.xavierUniform(t), "fewer than 2 dimensions", "[6]"),
                error("xavier_normal_ on 1-D", vector, t -> Init.xavierNormal(t, 2.0), "fewer than 2 dimensions"),
                error("kaiming_uniform_ on 1-D", vector, t -> Init.kaimingUniform(t), "fewer than 2 dimensions"),
                error("kaiming_normal_ on 1-D", vector, t -> Init.kaimingNormal(t), "fewer than 2 dimensions"),
                error("kaiming mode null", matrix,
                        t -> Init.kaimingUniform(t, 0, null, Nonlinearity.RELU, null), "mode null"),
                error("kaiming nonlinearity null", matrix,
                        t -> Init.kaimingNormal(t, 0, FanMode.FAN_IN, null, null), "Unsupported nonlinearity null"),
                error("kaiming negative slope NaN", matrix,
                        t -> Init.kaimingNormal(t, Double.NaN, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, null),
                        "negative_slope NaN"),
                error("eye_ on 3-D", cube, Init::eye, "Only tensors with 2 dimensions", "[4, 6, 3]"),
                error("eye_ on 1-D", vector, Init::eye, "Only tensors with 2 dimensions"),
                error("dirac_ on 2-D", matrix, t -> Init.dirac(t), "3, 4, or 5 dimensions", "rank 2"),
                error("dirac_ groups not dividing dim 0", cube, t -> Init.dirac(t, 3), "divisible by groups", "groups=3"),
                error("dirac_ groups 0", cube, t -> Init.dirac(t, 0), "groups=0"),
                error("sparse_ on 3-D", cube, t -> Init.sparse(t, 0.5), "Only tensors with 2 dimensions"),
                error("sparse_ sparsity > 1", matrix, t -> Init.sparse(t, 1.5), "sparsity=1.5"),
                error("sparse_ sparsity < 0", matrix, t -> Init.sparse(t, -0.1), "sparsity=-0.1"),
                error("sparse_ negative std", matrix, t -> Init.sparse(t, 0.5, -1.0), "std=-1.0"),
                error("orthogonal_ on 1-D", vector, t -> Init.orthogonal(t), "2 or more dimensions", "[6]"),
                error("uniform_ a > b", matrix, t -> Init.uniform(t, 2, 1), "a=2.0", "b=1.0"),
                error("uniform_ infinite bound", matrix, t -> Init.uniform(t, 0, Double.POSITIVE_INFINITY), "b=Infinity"),
                error("normal_ negative std", matrix, t -> Init.normal(t, 0, -1), "std=-1.0"),
                error("normal_ NaN mean", matrix, t -> Init.normal(t, Double.NaN, 1), "mean=NaN"),
                error("trunc_normal_ a > b", matrix, t -> Init.truncNormal(t, 0, 1, 2, -2), "a=2.0", "b=-2.0"),
                error("trunc_normal_ zero std", matrix, t -> Init.truncNormal(t, 0, 0, -2, 2), "std=0.0"),
                error("trunc_normal_ null method", matrix,
                        t -> Init.truncNormal(t, 0, 1, -2, 2, null, null), "method"),
                error("xavier_uniform_ NaN gain", matrix, t -> Init.xavierUniform(t, Double.NaN), "gain=NaN"),
                error("xavier_uniform_ infinite gain", matrix,
                        t -> Init.xavierUniform(t, Double.POSITIVE_INFINITY), "gain=Infinity"),
                error("xavier_uniform_ negative gain", matrix, t -> Init.xavierUniform(t, -1), "gain=-1.0"),
                error("xavier_normal_ NaN gain", matrix, t -> Init.xavierNormal(t, Double.NaN), "gain=NaN"),
                error("xavier_normal_ negative gain", matrix, t -> Init.xavierNormal(t, -1), "gain=-1.0"),
                error("uniform_ range beyond FLOAT", matrix, t -> Init.uniform(t, -3e38, 3e38), "b - a", "FLOAT"),
                error("uniform_ bound beyond FLOAT", matrix, t -> Init.uniform(t, 0, 1e39), "b=1.0E39", "FLOAT"),
                error("constant_ beyond FLOAT", matrix, t -> Init.constant(t, 1e39), "val=1.0E39"),
                error("normal_ mean beyond FLOAT", matrix, t -> Init.normal(t, 1e39, 1), "mean=1.0E39"),
                // the rejection method fills first and redraws after: both must be refused before the fill
                error("trunc_normal_ mean beyond FLOAT", matrix, t -> Init.truncNormal(t, 1e39, 1e39, 0, 2e39),
                        "mean=1.0E39", "FLOAT"),
                error("trunc_normal_ REJECTION span beyond FLOAT", matrix,
                        t -> Init.truncNormal(t, 0, 1e38, -3e38, 3e38, TruncNormalMethod.REJECTION, null), "b - a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsAndLeavesTheArrayAsItWas(String name, long[] shape, Consumer<INDArray> call, String[] messageParts) {
        Nd4j.getRandom().setSeed(1);
        INDArray tensor = Nd4j.rand(DataType.FLOAT, shape);
        INDArray before = tensor.dup();
        assertThatThrownBy(() -> call.accept(tensor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(messageParts);
        assertThat(tensor).isEqualTo(before);
    }

    static Stream<Consumer<INDArray>> everyFunction() {
        return Stream.of(Init::uniform, Init::normal, Init::truncNormal, t -> Init.constant(t, 1), Init::ones,
                Init::zeros, Init::eye, Init::xavierUniform, Init::xavierNormal, Init::kaimingUniform,
                Init::kaimingNormal, Init::orthogonal, t -> Init.sparse(t, 0.5));
    }

    @ParameterizedTest
    @MethodSource("everyFunction")
    void integerArraysAreRejected(Consumer<INDArray> call) {
        INDArray ints = Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> call.accept(ints))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT");
        assertThat(ints).isEqualTo(Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void diracRejectsIntegerArrays() {
        INDArray ints = Nd4j.zeros(DataType.INT32, 2, 2, 3);
        assertThatThrownBy(() -> Init.dirac(ints)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT");
    }

    /** What the array's type cannot hold would be written as an infinity: rejected, in HALF at 65504. */
    static Stream<Arguments> halfErrors() {
        return Stream.of(
                Arguments.of("uniform_ 0..1e5", (Consumer<INDArray>) t -> Init.uniform(t, 0, 1e5), "b=100000.0"),
                Arguments.of("constant_ 1e5", (Consumer<INDArray>) t -> Init.constant(t, 1e5), "val=100000.0"),
                Arguments.of("normal_ std 1e5", (Consumer<INDArray>) t -> Init.normal(t, 0, 1e5), "std=100000.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("halfErrors")
    void halfRejectsWhatItCannotHold(String name, Consumer<INDArray> call, String message) {
        INDArray half = Nd4j.rand(DataType.FLOAT, 3, 4).castTo(DataType.HALF);
        INDArray before = half.dup();
        assertThatThrownBy(() -> call.accept(half)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageContaining("HALF");
        assertThat(half).isEqualTo(before);
        // what HALF can hold is taken, including non-finite constants as PyTorch's fill_ takes them
        Init.constant(half, 65504);
        Init.constant(half, Double.NaN);
    }

    @Test
    void fansRejectNullNegativeAndOverflowingShapes() {
        assertThatThrownBy(() -> Fans.of((INDArray) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor=null");
        assertThatThrownBy(() -> Fans.of((long[]) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape=null");
        assertThatThrownBy(() -> Fans.of(new long[] {3, -2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, -2]");
        assertThatThrownBy(() -> Fans.of(new long[] {3, 1L << 40, 1L << 40})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void randpermRejectsANegativeLength() {
        assertThatThrownBy(() -> org.nninit.random.Generator.global().randperm(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-1");
        assertThatThrownBy(() -> new org.nninit.random.TorchGenerator(0).randperm(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-1");
    }

    @Test
    void nullTensorIsRejected() {
        assertThatThrownBy(() -> Init.zeros(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensor");
    }
}
