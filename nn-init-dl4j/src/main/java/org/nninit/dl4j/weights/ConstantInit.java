package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.constant_(w, val)} as a DL4J weight init.
 *
 * <pre>{@code
 * new PReLULayer.Builder().inputShape(16, 1, 1).weightInit(new ConstantInit(0.25)).build();   // nn.PReLU's 0.25
 * }</pre>
 */
public final class ConstantInit extends TorchInit {

    private final double val;

    /** For Jackson only: a missing field keeps this value. */
    private ConstantInit() {
        this.val = 0;
    }

    public ConstantInit(double val) {
        this.val = val;
    }

    public double val() {
        return val;
    }

    @JsonCreator
    static ConstantInit fromJson(@JsonProperty("val") Object val) {
        return new ConstantInit(JsonFields.number("val", val));
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.constant(torchView, val);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstantInit other && Double.compare(val, other.val) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), val);
    }

    @Override
    public String toString() {
        return "ConstantInit(val=" + val + ")";
    }
}
