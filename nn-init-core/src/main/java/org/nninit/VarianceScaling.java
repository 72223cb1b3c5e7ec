package org.nninit;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * Keras's {@code keras.initializers.VarianceScaling(scale, mode, distribution)} and JAX's
 * {@code jax.nn.initializers.variance_scaling(scale, mode, distribution, in_axis, out_axis, batch_axis)}, with
 * their formulas: {@code s = scale / max(1, n)} where {@code n} is fan_in, fan_out or (fan_in + fan_out) / 2
 * ({@link Mode}), the fans taken in the given {@link FanLayout}; then
 * <ul>
 *   <li>{@code TRUNCATED_NORMAL}: N(0, std^2) truncated at &plusmn;2 std, {@code std = sqrt(s) / 0.87962566103423978}
 *   (the std of a standard normal truncated to [-2, 2], so that the values have variance {@code s});</li>
 *   <li>{@code UNTRUNCATED_NORMAL}: N(0, s) (JAX's {@code "normal"});</li>
 *   <li>{@code UNIFORM}: U(-limit, limit), {@code limit = sqrt(3 * s)}.</li>
 * </ul>
 * The {@code max(1, n)} is Keras's; JAX divides by {@code n} itself, which differs only for an empty tensor,
 * where nothing is drawn. The named constructors are Keras's subclasses and JAX's functions of the same name
 * ({@code GlorotNormal} / {@code glorot_normal}, ...); {@link #lecunNormal()} in the {@link FanLayout#TORCH
 * TORCH} layout is also timm's {@code lecun_normal_} ({@code variance_scaling_(t, 1.0, 'fan_in',
 * 'truncated_normal')}, PyTorch's fans).
 *
 * <p>The layout defaults to {@link FanLayout#TORCH}: nn-init's arrays (and the DL4J adapters' views) are
 * PyTorch-shaped, and for the same layer the TORCH fans of a {@code [out, in, k...]} weight equal Keras's fans of
 * the {@code [k..., in, out]} kernel. Use {@link FanLayout#KERAS} for an array in Keras's own layout.
 *
 * <p>Values are drawn from nn-init's {@link Generator} (for the truncated normal, with
 * {@link TruncNormalMethod#DEFAULT}): the same distribution as Keras and JAX, not their random streams.
 *
 * <pre>{@code
 * VarianceScaling.heNormal().fill(conv);                              // keras.initializers.HeNormal()
 * // the distribution of kaiming_normal_(conv, mode='fan_out', nonlinearity='relu')
 * new VarianceScaling(2.0, VarianceScaling.Mode.FAN_OUT, VarianceScaling.Distribution.UNTRUNCATED_NORMAL,
 *         FanLayout.TORCH).fill(conv);
 * VarianceScaling.glorotUniform().layout(FanLayout.KERAS).fill(Nd4j.create(DataType.FLOAT, 3, 3, 16, 32));
 * }</pre>
 *
 * @param scale        the variance scale, positive and finite
 * @param mode         which fan divides it
 * @param distribution the distribution drawn
 * @param layout       which axes are inputs and outputs
 */
public record VarianceScaling(double scale, Mode mode, Distribution distribution, FanLayout layout)
        implements FanInitializer {

    /** The std of N(0, 1) truncated to [-2, 2], the divisor Keras, JAX and timm use. */
    public static final double TRUNCATED_STD = 0.87962566103423978;

    /** Which fan divides the scale: Keras's and JAX's {@code mode}. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG;

        /** {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}. */
        public static Mode fromName(String name) {
            for (Mode mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be one of [fan_in, fan_out, fan_avg], but found mode="
                    + name);
        }
    }

    /** The distribution drawn: Keras's {@code distribution} names. */
    public enum Distribution {
        TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM;

        /** {@code "truncated_normal"}, {@code "untruncated_normal"} (JAX's {@code "normal"}) or {@code "uniform"}. */
        public static Distribution fromName(String name) {
            for (Distribution distribution : values()) {
                if (distribution.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return distribution;
                }
            }
            throw new IllegalArgumentException("distribution must be one of [truncated_normal, untruncated_normal, "
                    + "uniform], but found distribution=" + name);
        }
    }

    /** @throws IllegalArgumentException when scale is not positive and finite, or an argument is null */
    public VarianceScaling {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, but found scale=" + scale);
        }
        if (mode == null || distribution == null || layout == null) {
            throw new IllegalArgumentException("mode, distribution and layout must not be null, but found mode=" + mode
                    + ", distribution=" + distribution + ", layout=" + layout);
        }
    }

    /** Keras's defaults: {@code VarianceScaling(1.0, "fan_in", "truncated_normal")}, PyTorch layout. */
    public VarianceScaling() {
        this(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, FanLayout.TORCH);
    }

    /** Keras {@code GlorotNormal()}, JAX {@code glorot_normal()}: scale 1, fan_avg, truncated normal. */
    public static VarianceScaling glorotNormal() {
        return new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, FanLayout.TORCH);
    }

    /** Keras {@code GlorotUniform()}, JAX {@code glorot_uniform()}: scale 1, fan_avg, uniform. */
    public static VarianceScaling glorotUniform() {
        return new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.UNIFORM, FanLayout.TORCH);
    }

    /** Keras {@code HeNormal()}, JAX {@code he_normal()}: scale 2, fan_in, truncated normal. */
    public static VarianceScaling heNormal() {
        return new VarianceScaling(2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, FanLayout.TORCH);
    }

    /** Keras {@code HeUniform()}, JAX {@code he_uniform()}: scale 2, fan_in, uniform. */
    public static VarianceScaling heUniform() {
        return new VarianceScaling(2.0, Mode.FAN_IN, Distribution.UNIFORM, FanLayout.TORCH);
    }

    /**
     * Keras {@code LecunNormal()}, JAX {@code lecun_normal()}, timm {@code lecun_normal_}: scale 1, fan_in,
     * truncated normal.
     */
    public static VarianceScaling lecunNormal() {
        return new VarianceScaling(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, FanLayout.TORCH);
    }

    /** Keras {@code LecunUniform()}, JAX {@code lecun_uniform()}: scale 1, fan_in, uniform. */
    public static VarianceScaling lecunUniform() {
        return new VarianceScaling(1.0, Mode.FAN_IN, Distribution.UNIFORM, FanLayout.TORCH);
    }

    public VarianceScaling scale(double scale) {
        return new VarianceScaling(scale, mode, distribution, layout);
    }

    public VarianceScaling mode(Mode mode) {
        return new VarianceScaling(scale, mode, distribution, layout);
    }

    public VarianceScaling distribution(Distribution distribution) {
        return new VarianceScaling(scale, mode, distribution, layout);
    }

    public VarianceScaling layout(FanLayout layout) {
        return new VarianceScaling(scale, mode, distribution, layout);
    }

    /** @throws IllegalArgumentException when the layout cannot compute the tensor's fans */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        long[] fans = layout.fans(tensor.shape());
        return tensor.isEmpty() ? tensor : fill(tensor, fans[0], fans[1], generator);
    }

    @Override
    public INDArray fill(INDArray tensor, double fanIn, double fanOut, Generator generator) {
        double fan = switch (mode) {
            case FAN_IN -> fanIn;
            case FAN_OUT -> fanOut;
            case FAN_AVG -> (fanIn + fanOut) / 2;
        };
        if (!(fan >= 0) || Double.isInfinite(fan)) {
            throw new IllegalArgumentException("the fan must be finite and >= 0, but found fanIn=" + fanIn + ", fanOut="
                    + fanOut + " (" + mode + ")");
        }
        double variance = scale / Math.max(1.0, fan);
        return switch (distribution) {
            case TRUNCATED_NORMAL -> {
                double std = Math.sqrt(variance) / TRUNCATED_STD;
                yield new TruncNormal(0, std, -2 * std, 2 * std).fill(tensor, generator);
            }
            case UNTRUNCATED_NORMAL -> new Normal(0, Math.sqrt(variance)).fill(tensor, generator);
            case UNIFORM -> {
                double limit = Math.sqrt(3 * variance);
                yield new Uniform(-limit, limit).fill(tensor, generator);
            }
        };
    }

    @Override
    public boolean elementwise() {
        return false;
    }
}
