package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Init;

/**
 * {@code torch.nn.init.xavier_uniform_(w, gain)} as a DL4J weight init: U(-b, b) with b = gain * sqrt(6 / (fanIn + fanOut)), with PyTorch's fans of the
 * parameter's PyTorch layout (or DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(512).nOut(512).weightInit(new XavierUniformInit(1.0)).build();
 * }</pre>
 */
public final class XavierUniformInit extends TorchInit {

    private final double gain;
    private final FanSource fanSource;

    /** Gain 1, PyTorch's default, with PyTorch's fans. */
    public XavierUniformInit() {
        this(1.0);
    }

    /** PyTorch's fans. */
    public XavierUniformInit(double gain) {
        this(gain, FanSource.TORCH);
    }

    /** @throws IllegalArgumentException when gain is not finite or fanSource is null */
    public XavierUniformInit(double gain, FanSource fanSource) {
        if (!Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be finite, but found gain=" + gain);
        }
        if (fanSource == null) {
            throw new IllegalArgumentException("fanSource is null");
        }
        this.gain = gain;
        this.fanSource = fanSource;
    }

    public double gain() {
        return gain;
    }

    public FanSource fanSource() {
        return fanSource;
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        if (fanSource == FanSource.TORCH) {
            Init.xavierUniform(torchView, gain, null);
        } else {
            if (!(fanIn + fanOut > 0)) {
                throw new IllegalArgumentException("FanSource.DL4J needs fanIn + fanOut > 0, but DL4J passed fanIn="
                        + fanIn + ", fanOut=" + fanOut);
            }
            double bound = Math.sqrt(3) * gain * Math.sqrt(2 / (fanIn + fanOut));
            Init.uniform(torchView, -bound, bound, null);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XavierUniformInit other && Double.compare(gain, other.gain) == 0
                && fanSource == other.fanSource;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), gain, fanSource);
    }

    @Override
    public String toString() {
        return "XavierUniformInit(gain=" + gain + ", fanSource=" + fanSource + ")";
    }
}
