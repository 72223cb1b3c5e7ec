package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.uniform_(w, a, b)} as a DL4J weight init: U[a, b) from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(784).nOut(256).weightInit(new UniformInit(-0.05, 0.05)).build();
 * }</pre>
 */
public final class UniformInit extends TorchInit {

    private final double a;
    private final double b;

    /** U[0, 1), PyTorch's defaults. */
    public UniformInit() {
        this(0, 1);
    }

    /** @throws IllegalArgumentException when a bound is not finite or {@code a > b} */
    public UniformInit(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a > b) {
            throw new IllegalArgumentException("uniform_ expects finite a <= b, but found a=" + a + ", b=" + b);
        }
        this.a = a;
        this.b = b;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    @JsonCreator
    static UniformInit fromJson(@JsonProperty("a") Object a, @JsonProperty("b") Object b) {
        return new UniformInit(JsonFields.number("a", a), JsonFields.number("b", b));
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.uniform(torchView, a, b, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniformInit other && Double.compare(a, other.a) == 0 && Double.compare(b, other.b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), a, b);
    }

    @Override
    public String toString() {
        return "UniformInit(a=" + a + ", b=" + b + ")";
    }
}
