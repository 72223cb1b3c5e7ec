package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torch.nn.init.kaiming_normal_(t, a=0, mode='fan_in', nonlinearity='leaky_relu')}: N(0, std^2) with
 * {@code std = gain / sqrt(fan)}, {@code gain = calculate_gain(nonlinearity, a)} (He et al., 2015), PyTorch's
 * fans. Untruncated, unlike Keras's {@code HeNormal()} ({@link VarianceScaling#heNormal()}).
 *
 * <pre>{@code
 * // nn.init.kaiming_normal_(conv, mode='fan_out', nonlinearity='relu'): torchvision's ResNet
 * new KaimingNormal().mode(FanMode.FAN_OUT).nonlinearity(Nonlinearity.RELU).fill(conv);
 * }</pre>
 *
 * @param a            the negative slope of {@code leaky_relu} (ignored by the other nonlinearities)
 * @param mode         which fan scales the std
 * @param nonlinearity the nonlinearity whose gain is used
 */
public record KaimingNormal(double a, FanMode mode, Nonlinearity nonlinearity) implements FanInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(KaimingNormal.class);

    /**
     * @throws IllegalArgumentException when mode or nonlinearity is null, or {@code a} is not finite with
     *                                  {@code LEAKY_RELU}
     */
    public KaimingNormal {
        check(a, mode, nonlinearity);
    }

    /** PyTorch's defaults: {@code a = 0}, {@code fan_in}, {@code leaky_relu}. */
    public KaimingNormal() {
        this(0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    public KaimingNormal a(double a) {
        return new KaimingNormal(a, mode, nonlinearity);
    }

    public KaimingNormal mode(FanMode mode) {
        return new KaimingNormal(a, mode, nonlinearity);
    }

    public KaimingNormal nonlinearity(Nonlinearity nonlinearity) {
        return new KaimingNormal(a, mode, nonlinearity);
    }

    /** @throws IllegalArgumentException when the array has fewer than 2 dimensions */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        double std = std(tensor, a, mode, nonlinearity);
        if (!Double.isNaN(std)) {
            Generator.orGlobal(generator).fillNormal(tensor, 0, std);
        }
        return tensor;
    }

    @Override
    public INDArray fill(INDArray tensor, double fanIn, double fanOut, Generator generator) {
        return new Normal(0, std(a, mode, nonlinearity, fanIn, fanOut)).fill(tensor, generator);
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    /** The checks both Kaiming records run when constructed: PyTorch's, at configuration time. */
    static void check(double a, FanMode mode, Nonlinearity nonlinearity) {
        if (mode == null) {
            throw new IllegalArgumentException(
                    "mode null not supported, please use one of [fan_in, fan_out] (mode=null)");
        }
        if (nonlinearity == null) {
            throw new IllegalArgumentException("Unsupported nonlinearity null (nonlinearity=null)");
        }
        nonlinearity.gain(a);
    }

    /** The Kaiming std, or NaN when the tensor is empty and nothing is to be drawn (PyTorch only warns). */
    static double std(INDArray tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        Checks.requireFloating(tensor);
        if (tensor.isEmpty()) {
            LOG.warn("Initializing zero-element tensors is a no-op");
            return Double.NaN;
        }
        long fan = mode.select(Fans.of(tensor));
        double gain = nonlinearity.gain(a);
        return gain / Math.sqrt(fan);
    }

    /** {@code gain / sqrt(fan)} with the fan the caller passes. */
    static double std(double a, FanMode mode, Nonlinearity nonlinearity, double fanIn, double fanOut) {
        double fan = mode == FanMode.FAN_IN ? fanIn : fanOut;
        Checks.requirePositiveFan(mode.torchName(), fan);
        return nonlinearity.gain(a) / Math.sqrt(fan);
    }
}
