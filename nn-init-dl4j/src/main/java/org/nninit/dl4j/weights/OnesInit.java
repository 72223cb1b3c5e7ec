package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Ones;

/**
 * {@code torch.nn.init.ones_(w)} as a DL4J weight init: every element 1.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(8).nOut(8).weightInit(new OnesInit()).build();
 * }</pre>
 */
public final class OnesInit extends TorchWeightInit {

    public OnesInit() {
        super(new Ones());
    }

    private OnesInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static OnesInit fromJson(Map<String, Object> fields) {
        return new OnesInit(decode(Ones.class, fields));
    }
}
