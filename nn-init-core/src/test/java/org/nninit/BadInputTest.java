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
                        t -> Init.truncNormal(t, 0, 1, -2, 2, null, null), "method"));
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

    @Test
    void nullTensorIsRejected() {
        assertThatThrownBy(() -> Init.zeros(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensor");
    }
}
