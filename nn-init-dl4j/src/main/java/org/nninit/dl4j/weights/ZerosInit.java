package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Zeros;

/**
 * {@code torch.nn.init.zeros_(w)} as a DL4J weight init: every element 0.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(8).nOut(8).weightInit(new ZerosInit()).build();
 * }</pre>
 */
public final class ZerosInit extends TorchWeightInit {

    public ZerosInit() {
        super(new Zeros());
    }

    private ZerosInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ZerosInit fromJson(Map<String, Object> fields) {
        return new ZerosInit(decode(Zeros.class, fields));
    }
}
