package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Uniform;

/**
 * {@code torch.nn.init.uniform_(w, a, b)} as a DL4J weight init: U[a, b) from the network's seeded RNG.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(784).nOut(256).weightInit(new UniformInit(-0.05, 0.05)).build();
 * }</pre>
 */
public final class UniformInit extends TorchWeightInit {

    /** U[0, 1), PyTorch's defaults. */
    public UniformInit() {
        super(new Uniform());
    }

    /** @throws IllegalArgumentException when a or b is not finite or {@code a > b} */
    public UniformInit(double a, double b) {
        super(new Uniform(a, b));
    }

    private UniformInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UniformInit fromJson(Map<String, Object> fields) {
        return new UniformInit(decode(Uniform.class, fields));
    }

    public double a() {
        return ((Uniform) value()).a();
    }

    public double b() {
        return ((Uniform) value()).b();
    }
}
