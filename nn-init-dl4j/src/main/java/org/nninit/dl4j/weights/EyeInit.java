package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Eye;

/**
 * {@code torch.nn.init.eye_(w)} as a DL4J weight init: the identity on torch's {@code [out, in]} weight
 * (for a Dense layer that is DL4J's {@code W [nIn, nOut]} with ones at {@code W[i, i]}).
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(64).nOut(64).weightInit(new EyeInit()).build();
 * }</pre>
 *
 * <p>Only 2-D parameters are accepted, as in PyTorch; other shapes fail at {@code net.init()} with an
 * {@link IllegalArgumentException}.
 */
public final class EyeInit extends TorchWeightInit {

    public EyeInit() {
        super(new Eye());
    }

    private EyeInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EyeInit fromJson(Map<String, Object> fields) {
        return new EyeInit(decode(Eye.class, fields));
    }
}
