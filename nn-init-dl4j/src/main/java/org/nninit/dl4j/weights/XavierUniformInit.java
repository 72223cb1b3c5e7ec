package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.XavierUniform;

/**
 * {@code torch.nn.init.xavier_uniform_(w, gain)} as a DL4J weight init: U(-b, b) with b = gain * sqrt(6 / (fanIn + fanOut)), with PyTorch's fans of the
 * parameter's PyTorch layout (or DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(512).nOut(512).weightInit(new XavierUniformInit(1.0)).build();
 * }</pre>
 */
public final class XavierUniformInit extends TorchWeightInit {

    /** Gain 1, PyTorch's default, with PyTorch's fans. */
    public XavierUniformInit() {
        super(new XavierUniform(), FanSource.TORCH);
    }

    /** PyTorch's fans. */
    public XavierUniformInit(double gain) {
        super(new XavierUniform(gain), FanSource.TORCH);
    }

    /** @throws IllegalArgumentException when gain is negative or not finite, or fanSource is null */
    public XavierUniformInit(double gain, FanSource fanSource) {
        super(new XavierUniform(gain), fanSource);
    }

    private XavierUniformInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static XavierUniformInit fromJson(Map<String, Object> fields) {
        return new XavierUniformInit(decode(XavierUniform.class, fields));
    }

    public double gain() {
        return ((XavierUniform) value()).gain();
    }
}
