package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.xavier_uniform_(w, gain)} as a DL4J weight init: U(-b, b) with b = gain * sqrt(6 / (fanIn + fanOut)), with PyTorch's fans of the
 * parameter's PyTorch layout (or DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(512).nOut(512).weightInit(new XavierUniformInit(1.0)).build();
 * }</pre>
 */
public final class XavierUniformInit extends XavierInit {

    /** Gain 1, PyTorch's default, with PyTorch's fans. */
    public XavierUniformInit() {
        this(1.0);
    }

    /** PyTorch's fans. */
    public XavierUniformInit(double gain) {
        this(gain, FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when gain is not finite or fanSource is null
     */
    public XavierUniformInit(double gain, FanSource fanSource) {
        super(gain, fanSource);
    }

    @JsonCreator
    static XavierUniformInit fromJson(@JsonProperty("gain") Object gain, @JsonProperty("fanSource") Object fanSource) {
        return new XavierUniformInit(JsonFields.number("gain", gain),
                JsonFields.constant("fanSource", fanSource, FanSource.class));
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        if (fanSource == FanSource.TORCH) {
            Init.xavierUniform(torchView, gain, null);
        } else {
            double bound = Math.sqrt(3) * dl4jStd(fanIn, fanOut);
            Init.uniform(torchView, -bound, bound, null);
        }
    }
}
