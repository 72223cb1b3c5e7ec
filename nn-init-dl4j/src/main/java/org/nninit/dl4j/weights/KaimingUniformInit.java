package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.FanMode;
import org.nninit.KaimingUniform;
import org.nninit.Nonlinearity;

/**
 * {@code torch.nn.init.kaiming_uniform_(w, a, mode, nonlinearity)} as a DL4J weight init: U(-b, b) with b = gain * sqrt(3 / fan) and
 * {@code gain = calculate_gain(nonlinearity, a)}, with PyTorch's fans of the parameter's PyTorch layout (or
 * DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(3, 3).nOut(64)
 *         .weightInit(new KaimingUniformInit(Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU)).build();   // nn.Linear's weight rule
 * }</pre>
 */
public final class KaimingUniformInit extends TorchWeightInit {

    /** PyTorch's defaults: {@code a = 0}, {@code fan_in}, {@code leaky_relu}, PyTorch's fans. */
    public KaimingUniformInit() {
        super(new KaimingUniform(), FanSource.TORCH);
    }

    /** PyTorch's fans. */
    public KaimingUniformInit(double a, FanMode mode, Nonlinearity nonlinearity) {
        super(new KaimingUniform(a, mode, nonlinearity), FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when an argument is null or PyTorch's {@code calculate_gain}
     *                                  rejects {@code (nonlinearity, a)}
     */
    public KaimingUniformInit(double a, FanMode mode, Nonlinearity nonlinearity, FanSource fanSource) {
        super(new KaimingUniform(a, mode, nonlinearity), fanSource);
    }

    private KaimingUniformInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static KaimingUniformInit fromJson(Map<String, Object> fields) {
        return new KaimingUniformInit(decode(KaimingUniform.class, fields));
    }

    public double a() {
        return ((KaimingUniform) value()).a();
    }

    public FanMode mode() {
        return ((KaimingUniform) value()).mode();
    }

    public Nonlinearity nonlinearity() {
        return ((KaimingUniform) value()).nonlinearity();
    }
}
