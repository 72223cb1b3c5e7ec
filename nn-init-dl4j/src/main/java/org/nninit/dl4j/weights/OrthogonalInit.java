package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Orthogonal;

/**
 * {@code torch.nn.init.orthogonal_(w, gain)} as a DL4J weight init, on torch's {@code [out, in...]} layout:
 * for a Dense layer the rows (or columns, whichever are fewer) of torch's {@code [out, in]} are orthonormal.
 *
 * <pre>{@code
 * new LSTM.Builder().nIn(32).nOut(64).weightInitRecurrent(new OrthogonalInit(1.0)).build();
 * }</pre>
 */
public final class OrthogonalInit extends TorchWeightInit {

    /** Gain 1, PyTorch's default. */
    public OrthogonalInit() {
        super(new Orthogonal());
    }

    /** @throws IllegalArgumentException when gain is not finite */
    public OrthogonalInit(double gain) {
        super(new Orthogonal(gain));
    }

    private OrthogonalInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static OrthogonalInit fromJson(Map<String, Object> fields) {
        return new OrthogonalInit(decode(Orthogonal.class, fields));
    }

    public double gain() {
        return ((Orthogonal) value()).gain();
    }
}
