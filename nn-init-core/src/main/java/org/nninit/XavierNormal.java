package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.xavier_normal_(t, gain=1)}: N(0, std^2) with {@code std = gain * sqrt(2 / (fanIn + fanOut))},
 * PyTorch's fans ({@link Fans}). Untruncated, unlike Keras's {@code GlorotNormal()}
 * ({@link VarianceScaling#glorotNormal()}).
 *
 * <pre>{@code
 * new XavierNormal().fill(w, new TorchGenerator(0));   // torch.manual_seed(0); nn.init.xavier_normal_(w)
 * }</pre>
 *
 * @param gain the scale, finite and {@code >= 0}
 */
public record XavierNormal(double gain) implements FanInitializer {

    /** @throws IllegalArgumentException when gain is negative or not finite */
    public XavierNormal {
        Checks.requireGain(gain);
    }

    /** Gain 1, PyTorch's default. */
    public XavierNormal() {
        this(1.0);
    }

    public XavierNormal gain(double gain) {
        return new XavierNormal(gain);
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
        Generator.orGlobal(generator).fillNormal(tensor, 0, std);
        return tensor;
    }

    @Override
    public INDArray fill(INDArray tensor, double fanIn, double fanOut, Generator generator) {
        return new Normal(0, std(gain, fanIn, fanOut)).fill(tensor, generator);
    }

    /** {@code gain * sqrt(2 / (fanIn + fanOut))} from fans the caller passes. */
    static double std(double gain, double fanIn, double fanOut) {
        Checks.requirePositiveFan("fanIn + fanOut", fanIn + fanOut);
        return gain * Math.sqrt(2 / (fanIn + fanOut));
    }

    @Override
    public boolean elementwise() {
        return false;
    }
}
