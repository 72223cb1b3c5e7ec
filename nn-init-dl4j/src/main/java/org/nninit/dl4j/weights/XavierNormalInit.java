package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.xavier_normal_(w, gain)} as a DL4J weight init: N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)), with PyTorch's fans of the
 * parameter's PyTorch layout (or DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(512).nOut(512).weightInit(new XavierNormalInit(1.0)).build();
 * }</pre>
 */
public final class XavierNormalInit extends XavierInit {

    /** Gain 1, PyTorch's default, with PyTorch's fans. */
    public XavierNormalInit() {
        this(1.0);
    }

    /** PyTorch's fans. */
    public XavierNormalInit(double gain) {
        this(gain, FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when gain is not finite or fanSource is null
     */
    public XavierNormalInit(double gain, FanSource fanSource) {
        super(gain, fanSource);
    }

    @JsonCreator
    static XavierNormalInit fromJson(@JsonProperty("gain") Object gain, @JsonProperty("fanSource") Object fanSource) {
        return new XavierNormalInit(JsonFields.number("gain", gain),
                JsonFields.constant("fanSource", fanSource, FanSource.class));
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        if (fanSource == FanSource.TORCH) {
            Init.xavierNormal(torchView, gain, null);
        } else {
            Init.normal(torchView, 0, dl4jStd(fanIn, fanOut), null);
        }
    }
}
