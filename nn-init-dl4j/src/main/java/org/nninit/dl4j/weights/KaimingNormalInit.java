package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.FanMode;
import org.nninit.Init;
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
public final class KaimingNormalInit extends TorchInit {

    private final double a;
    private final FanMode mode;
    private final Nonlinearity nonlinearity;
    private final FanSource fanSource;

    /** PyTorch's defaults: {@code a = 0}, {@code fan_in}, {@code leaky_relu}, PyTorch's fans. */
    public KaimingNormalInit() {
        this(0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** PyTorch's fans. */
    public KaimingNormalInit(double a, FanMode mode, Nonlinearity nonlinearity) {
        this(a, mode, nonlinearity, FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when an argument is null or PyTorch's {@code calculate_gain} rejects
     *                                  {@code (nonlinearity, a)}
     */
    public KaimingNormalInit(double a, FanMode mode, Nonlinearity nonlinearity, FanSource fanSource) {
        if (mode == null || nonlinearity == null || fanSource == null) {
            throw new IllegalArgumentException("mode, nonlinearity and fanSource must not be null, but found mode="
                    + mode + ", nonlinearity=" + nonlinearity + ", fanSource=" + fanSource);
        }
        Init.calculateGain(nonlinearity, a);   // fail at configuration time, not at net.init()
        this.a = a;
        this.mode = mode;
        this.nonlinearity = nonlinearity;
        this.fanSource = fanSource;
    }

    public double a() {
        return a;
    }

    public FanMode mode() {
        return mode;
    }

    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    public FanSource fanSource() {
        return fanSource;
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        if (fanSource == FanSource.TORCH) {
            Init.kaimingNormal(torchView, a, mode, nonlinearity, null);
        } else {
            double std = Init.calculateGain(nonlinearity, a) / Math.sqrt(dl4jFan(fanIn, fanOut, mode));
            Init.normal(torchView, 0, std, null);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KaimingNormalInit other && Double.compare(a, other.a) == 0 && mode == other.mode
                && nonlinearity == other.nonlinearity && fanSource == other.fanSource;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), a, mode, nonlinearity, fanSource);
    }

    @Override
    public String toString() {
        return "KaimingNormalInit(a=" + a + ", mode=" + mode + ", nonlinearity=" + nonlinearity + ", fanSource="
                + fanSource + ")";
    }
}
