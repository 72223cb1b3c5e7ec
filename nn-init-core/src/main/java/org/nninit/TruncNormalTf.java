package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * timm's {@code trunc_normal_tf_(t, mean=0, std=1, a=-2, b=2)}: the bounds are in units of std, as in
 * TensorFlow. A standard normal truncated to [a, b] is drawn, then scaled by {@code std} and shifted by
 * {@code mean}, so the values lie in {@code [mean + a*std, mean + b*std]}. Keras's
 * {@code TruncatedNormal(mean, stddev)} (re-drawn beyond two std) is {@code new TruncNormalTf(mean, stddev, -2, 2)}.
 * PyTorch's {@code trunc_normal_} takes absolute bounds ({@link TruncNormal}).
 *
 * <p>Drawn as N(mean, std^2) truncated to those absolute bounds (the same distribution) with
 * {@link TruncNormalMethod#DEFAULT} from nn-init's {@link Generator}; not timm's or TensorFlow's random stream.
 *
 * <pre>{@code
 * new TruncNormalTf().std(0.02).fill(w);   // timm: trunc_normal_tf_(w, std=.02): values within +-0.04
 * }</pre>
 *
 * @param mean the mean
 * @param std  the standard deviation before truncation, {@code > 0}
 * @param a    the lower bound, in std units
 * @param b    the upper bound, in std units, {@code > a}
 */
public record TruncNormalTf(double mean, double std, double a, double b) implements Initializer {

    /** @throws IllegalArgumentException when a parameter is not finite, {@code std <= 0} or {@code a >= b} */
    public TruncNormalTf {
        Checks.requireFinite("mean", mean);
        Checks.requireFinite("std", std);
        Checks.requireFinite("a", a);
        Checks.requireFinite("b", b);
        if (std <= 0) {
            throw new IllegalArgumentException("trunc_normal_tf_ expects std > 0.0, but found std=" + std);
        }
        if (a >= b) {
            throw new IllegalArgumentException("trunc_normal_tf_ expects a < b, but found a=" + a + ", b=" + b);
        }
        double low = mean + a * std;
        double high = mean + b * std;
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("trunc_normal_tf_ needs distinct finite bounds mean + a*std < "
                    + "mean + b*std, but found mean=" + mean + ", std=" + std + ", a=" + a + ", b=" + b);
        }
    }

    /** timm's defaults: N(0, 1) truncated to [-2, 2]. */
    public TruncNormalTf() {
        this(0, 1, -2, 2);
    }

    public TruncNormalTf mean(double mean) {
        return new TruncNormalTf(mean, std, a, b);
    }

    public TruncNormalTf std(double std) {
        return new TruncNormalTf(mean, std, a, b);
    }

    /** A copy with bounds {@code [a, b]} in std units (both at once: each alone could cross the other). */
    public TruncNormalTf bounds(double a, double b) {
        return new TruncNormalTf(mean, std, a, b);
    }

    /** The same distribution as PyTorch's {@link TruncNormal}, with absolute bounds. */
    public TruncNormal absolute() {
        return new TruncNormal(mean, std, mean + a * std, mean + b * std);
    }

    /** @throws IllegalArgumentException when a parameter or bound is beyond the tensor's type */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        return absolute().fill(tensor, generator);
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
