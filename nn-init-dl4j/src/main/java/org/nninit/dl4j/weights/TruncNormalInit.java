package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.TruncNormal;
import org.nninit.TruncNormalMethod;

/**
 * {@code torch.nn.init.trunc_normal_(w, mean, std, a, b)} as a DL4J weight init, from the network's seeded
 * RNG, with the current PyTorch algorithm unless another {@link TruncNormalMethod} is chosen.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(768).nOut(768).weightInit(new TruncNormalInit(0, 0.02, -0.04, 0.04)).build();
 * }</pre>
 */
public final class TruncNormalInit extends TorchWeightInit {

    /** N(0, 1) truncated to [-2, 2], PyTorch's defaults. */
    public TruncNormalInit() {
        super(new TruncNormal());
    }

    /** The current PyTorch algorithm. */
    public TruncNormalInit(double mean, double std, double a, double b) {
        super(new TruncNormal(mean, std, a, b));
    }

    /** @throws IllegalArgumentException when a parameter is not finite, {@code std <= 0}, {@code a >= b} or method is null */
    public TruncNormalInit(double mean, double std, double a, double b, TruncNormalMethod method) {
        super(new TruncNormal(mean, std, a, b, method));
    }

    private TruncNormalInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TruncNormalInit fromJson(Map<String, Object> fields) {
        return new TruncNormalInit(decode(TruncNormal.class, fields));
    }

    public double mean() {
        return ((TruncNormal) value()).mean();
    }

    public double std() {
        return ((TruncNormal) value()).std();
    }

    public double a() {
        return ((TruncNormal) value()).a();
    }

    public double b() {
        return ((TruncNormal) value()).b();
    }

    public TruncNormalMethod method() {
        return ((TruncNormal) value()).method();
    }
}
