package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.FanMode;
import org.nninit.KaimingNormal;
import org.nninit.Nonlinearity;

/**
 * {@code torch.nn.init.kaiming_normal_(w, a, mode, nonlinearity)} as a DL4J weight init: N(0, std^2) with std = gain / sqrt(fan) and
 * {@code gain = calculate_gain(nonlinearity, a)}, with PyTorch's fans of the parameter's PyTorch layout (or
 * DL4J's, see {@link FanSource}), from the network's seeded RNG.
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(3, 3).nOut(64)
 *         .weightInit(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU)).build();   // torchvision ResNet convolutions
 * }</pre>
 */
public final class KaimingNormalInit extends TorchWeightInit {

    /** PyTorch's defaults: {@code a = 0}, {@code fan_in}, {@code leaky_relu}, PyTorch's fans. */
    public KaimingNormalInit() {
        super(new KaimingNormal(), FanSource.TORCH);
    }

    /** PyTorch's fans. */
    public KaimingNormalInit(double a, FanMode mode, Nonlinearity nonlinearity) {
        super(new KaimingNormal(a, mode, nonlinearity), FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when an argument is null or PyTorch's {@code calculate_gain}
     *                                  rejects {@code (nonlinearity, a)}
     */
    public KaimingNormalInit(double a, FanMode mode, Nonlinearity nonlinearity, FanSource fanSource) {
        super(new KaimingNormal(a, mode, nonlinearity), fanSource);
    }

    private KaimingNormalInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static KaimingNormalInit fromJson(Map<String, Object> fields) {
        return new KaimingNormalInit(decode(KaimingNormal.class, fields));
    }

    public double a() {
        return ((KaimingNormal) value()).a();
    }

    public FanMode mode() {
        return ((KaimingNormal) value()).mode();
    }

    public Nonlinearity nonlinearity() {
        return ((KaimingNormal) value()).nonlinearity();
    }
}
