package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.kaiming_uniform_(t, a=0, mode='fan_in', nonlinearity='leaky_relu')}: U(-bound, bound)
 * with {@code bound = sqrt(3) * gain / sqrt(fan)}, {@code gain = calculate_gain(nonlinearity, a)} (He et al.,
 * 2015), PyTorch's fans. Keras's {@code HeUniform()} is {@link VarianceScaling#heUniform()}.
 *
 * <pre>{@code
 * new KaimingUniform().a(Math.sqrt(5)).fill(w);                    // nn.Linear's default weight init
 * new KaimingUniform().mode(FanMode.FAN_OUT).nonlinearity(Nonlinearity.RELU).fill(w);
 * }</pre>
 *
 * @param a            the negative slope of {@code leaky_relu} (ignored by the other nonlinearities)
 * @param mode         which fan scales the bound
 * @param nonlinearity the nonlinearity whose gain is used
 */
public record KaimingUniform(double a, FanMode mode, Nonlinearity nonlinearity) implements FanInitializer {

    /**
     * @throws IllegalArgumentException when mode or nonlinearity is null, or {@code a} is not finite with
     *                                  {@code LEAKY_RELU}
     */
    public KaimingUniform {
        KaimingNormal.check(a, mode, nonlinearity);
    }

    /** PyTorch's defaults: {@code a = 0}, {@code fan_in}, {@code leaky_relu}. */
    public KaimingUniform() {
        this(0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    public KaimingUniform a(double a) {
        return new KaimingUniform(a, mode, nonlinearity);
    }

    public KaimingUniform mode(FanMode mode) {
        return new KaimingUniform(a, mode, nonlinearity);
    }

    public KaimingUniform nonlinearity(Nonlinearity nonlinearity) {
        return new KaimingUniform(a, mode, nonlinearity);
    }

    /** @throws IllegalArgumentException when the array has fewer than 2 dimensions */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        double std = KaimingNormal.std(tensor, a, mode, nonlinearity);
        if (!Double.isNaN(std)) {
            double bound = Math.sqrt(3.0) * std;
            Generator.orGlobal(generator).fillUniform(tensor, -bound, bound);
        }
        return tensor;
    }

    @Override
    public INDArray fill(INDArray tensor, double fanIn, double fanOut, Generator generator) {
        double bound = Math.sqrt(3) * KaimingNormal.std(a, mode, nonlinearity, fanIn, fanOut);
        return new Uniform(-bound, bound).fill(tensor, generator);
    }

    @Override
    public boolean elementwise() {
        return false;
    }
}
