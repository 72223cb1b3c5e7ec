package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.XavierNormal;

/**
 * {@code torch.nn.init.xavier_normal_(w, gain)} as a DL4J weight init: N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)), with PyTorch's fans of the
 * parameter's PyTorch layout (or DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(512).nOut(512).weightInit(new XavierNormalInit(1.0)).build();
 * }</pre>
 */
public final class XavierNormalInit extends TorchWeightInit {

    /** Gain 1, PyTorch's default, with PyTorch's fans. */
    public XavierNormalInit() {
        super(new XavierNormal(), FanSource.TORCH);
    }

    /** PyTorch's fans. */
    public XavierNormalInit(double gain) {
        super(new XavierNormal(gain), FanSource.TORCH);
    }

    /** @throws IllegalArgumentException when gain is negative or not finite, or fanSource is null */
    public XavierNormalInit(double gain, FanSource fanSource) {
        super(new XavierNormal(gain), fanSource);
    }

    private XavierNormalInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static XavierNormalInit fromJson(Map<String, Object> fields) {
        return new XavierNormalInit(decode(XavierNormal.class, fields));
    }

    public double gain() {
        return ((XavierNormal) value()).gain();
    }
}
