package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.xavier_uniform_(t, gain=1)}: U(-bound, bound) with
 * {@code bound = gain * sqrt(6 / (fanIn + fanOut))} (Glorot &amp; Bengio, 2010), PyTorch's fans ({@link Fans}).
 * Keras's {@code GlorotUniform()} and JAX's {@code glorot_uniform()} are {@link VarianceScaling#glorotUniform()}
 * (the same bound, Keras's fan rules).
 *
 * <pre>{@code
 * new XavierUniform().gain(Init.calculateGain("tanh")).fill(w);   // nn.init.xavier_uniform_(w, gain=5/3)
 * }</pre>
 *
 * @param gain the scale, finite and {@code >= 0}
 */
public record XavierUniform(double gain) implements FanInitializer {

    /** @throws IllegalArgumentException when gain is negative or not finite */
    public XavierUniform {
        Checks.requireGain(gain);
    }

    /** Gain 1, PyTorch's default. */
    public XavierUniform() {
        this(1.0);
    }

    public XavierUniform gain(double gain) {
        return new XavierUniform(gain);
    }

    /** @throws IllegalArgumentException when the array has fewer than 2 dimensions */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        Fans fans = Fans.of(tensor);
        if (tensor.isEmpty()) {
            return tensor;
        }
        double std = gain * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        double bound = Math.sqrt(3.0) * std;
        Generator.orGlobal(generator).fillUniform(tensor, -bound, bound);
        return tensor;
    }

    @Override
    public INDArray fill(INDArray tensor, double fanIn, double fanOut, Generator generator) {
        double bound = Math.sqrt(3) * XavierNormal.std(gain, fanIn, fanOut);
        return new Uniform(-bound, bound).fill(tensor, generator);
    }

    @Override
    public boolean elementwise() {
        return false;
    }
}
