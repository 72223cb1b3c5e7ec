package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.trunc_normal_(t, mean=0, std=1, a=-2, b=2)}: N(mean, std^2) restricted to [a, b], with
 * the algorithm of the chosen PyTorch release ({@link TruncNormalMethod}). The bounds are absolute values,
 * as in PyTorch; for bounds in units of std (timm's {@code trunc_normal_tf_}, Keras's {@code TruncatedNormal})
 * see {@link TruncNormalTf}.
 *
 * <pre>{@code
 * new TruncNormal().std(0.02).bounds(-0.04, 0.04).fill(w);   // nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04)
 * }</pre>
 *
 * @param mean   the mean before truncation
 * @param std    the standard deviation before truncation, {@code > 0}
 * @param a      the lower bound
 * @param b      the upper bound, {@code > a}
 * @param method the sampling algorithm
 */
public record TruncNormal(double mean, double std, double a, double b, TruncNormalMethod method)
        implements Initializer {

    /**
     * @throws IllegalArgumentException when a parameter is not finite, {@code std <= 0}, {@code a >= b} or method
     *                                  is null
     */
    public TruncNormal {
        Checks.requireFinite("mean", mean);
        Checks.requireFinite("std", std);
        Checks.requireFinite("a", a);
        Checks.requireFinite("b", b);
        if (std <= 0) {
            throw new IllegalArgumentException("trunc_normal_ expects std > 0.0, but found std=" + std);
        }
        if (a >= b) {
            throw new IllegalArgumentException("trunc_normal_ expects a < b, but found a=" + a + ", b=" + b);
        }
        if (method == null) {
            throw new IllegalArgumentException("method is null");
        }
    }

    /** N(0, 1) truncated to [-2, 2] with the current PyTorch algorithm: PyTorch's defaults. */
    public TruncNormal() {
        this(0, 1, -2, 2, TruncNormalMethod.DEFAULT);
    }

    /** The current PyTorch algorithm ({@link TruncNormalMethod#DEFAULT}). */
    public TruncNormal(double mean, double std, double a, double b) {
        this(mean, std, a, b, TruncNormalMethod.DEFAULT);
    }

    public TruncNormal mean(double mean) {
        return new TruncNormal(mean, std, a, b, method);
    }

    public TruncNormal std(double std) {
        return new TruncNormal(mean, std, a, b, method);
    }

    /** A copy with bounds {@code [a, b]} (both at once: each alone could cross the other). */
    public TruncNormal bounds(double a, double b) {
        return new TruncNormal(mean, std, a, b, method);
    }

    public TruncNormal method(TruncNormalMethod method) {
        return new TruncNormal(mean, std, a, b, method);
    }

    /**
     * @throws IllegalArgumentException when a parameter is not representable in the tensor's type, or
     *                                  (REJECTION) {@code b - a} overflows it; nothing is written or drawn then
     */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        return Init.truncNormalFill(tensor, this, generator);
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
