package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;
import org.nninit.TruncNormalMethod;

/**
 * {@code torch.nn.init.trunc_normal_(w, mean, std, a, b)} as a DL4J weight init, from the network's seeded
 * RNG, with the current PyTorch algorithm unless another {@link TruncNormalMethod} is chosen.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(768).nOut(768).weightInit(new TruncNormalInit(0, 0.02, -0.04, 0.04)).build();
 * }</pre>
 */
public final class TruncNormalInit extends TorchInit {

    private final double mean;
    private final double std;
    private final double a;
    private final double b;
    private final TruncNormalMethod method;

    /** N(0, 1) truncated to [-2, 2], PyTorch's defaults. */
    public TruncNormalInit() {
        this(0, 1, -2, 2);
    }

    public TruncNormalInit(double mean, double std, double a, double b) {
        this(mean, std, a, b, TruncNormalMethod.DEFAULT);
    }

    /** @throws IllegalArgumentException when a parameter is not finite, {@code std <= 0}, {@code a >= b} or method is null */
    public TruncNormalInit(double mean, double std, double a, double b, TruncNormalMethod method) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("trunc_normal_ expects finite parameters, but found mean=" + mean
                    + ", std=" + std + ", a=" + a + ", b=" + b);
        }
        if (std <= 0) {
            throw new IllegalArgumentException("trunc_normal_ expects std > 0.0, but found std=" + std);
        }
        if (a >= b) {
            throw new IllegalArgumentException("trunc_normal_ expects a < b, but found a=" + a + ", b=" + b);
        }
        if (method == null) {
            throw new IllegalArgumentException("method is null");
        }
        this.mean = mean;
        this.std = std;
        this.a = a;
        this.b = b;
        this.method = method;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public TruncNormalMethod method() {
        return method;
    }

    @JsonCreator
    static TruncNormalInit fromJson(@JsonProperty("mean") Object mean, @JsonProperty("std") Object std,
                                    @JsonProperty("a") Object a, @JsonProperty("b") Object b,
                                    @JsonProperty("method") Object method) {
        return new TruncNormalInit(JsonFields.number("mean", mean), JsonFields.number("std", std),
                JsonFields.number("a", a), JsonFields.number("b", b),
                JsonFields.constant("method", method, TruncNormalMethod.class));
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.truncNormal(torchView, mean, std, a, b, method, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TruncNormalInit other && Double.compare(mean, other.mean) == 0
                && Double.compare(std, other.std) == 0 && Double.compare(a, other.a) == 0
                && Double.compare(b, other.b) == 0 && method == other.method;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), mean, std, a, b, method);
    }

    @Override
    public String toString() {
        return "TruncNormalInit(mean=" + mean + ", std=" + std + ", a=" + a + ", b=" + b + ", method=" + method + ")";
    }
}
