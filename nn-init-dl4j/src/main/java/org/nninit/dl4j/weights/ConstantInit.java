package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Constant;

/**
 * {@code torch.nn.init.constant_(w, val)} as a DL4J weight init.
 *
 * <pre>{@code
 * new PReLULayer.Builder().inputShape(16, 1, 1).weightInit(new ConstantInit(0.25)).build();   // nn.PReLU's 0.25
 * }</pre>
 */
public final class ConstantInit extends TorchWeightInit {

    public ConstantInit(double val) {
        super(new Constant(val));
    }

    private ConstantInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ConstantInit fromJson(Map<String, Object> fields) {
        return new ConstantInit(decode(Constant.class, fields));
    }

    public double val() {
        return ((Constant) value()).val();
    }
}
