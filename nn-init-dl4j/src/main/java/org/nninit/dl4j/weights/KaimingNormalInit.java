package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
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
public final class KaimingNormalInit extends KaimingInit {

    /** PyTorch's defaults: {@code a = 0}, {@code fan_in}, {@code leaky_relu}, PyTorch's fans. */
    public KaimingNormalInit() {
        this(0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** PyTorch's fans. */
    public KaimingNormalInit(double a, FanMode mode, Nonlinearity nonlinearity) {
        this(a, mode, nonlinearity, FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when an argument is null or PyTorch's {@code calculate_gain}
     *                                  rejects {@code (nonlinearity, a)}
     */
    public KaimingNormalInit(double a, FanMode mode, Nonlinearity nonlinearity, FanSource fanSource) {
        super(a, mode, nonlinearity, fanSource);
    }

    @JsonCreator
    static KaimingNormalInit fromJson(@JsonProperty("a") Object a, @JsonProperty("mode") Object mode,
                                      @JsonProperty("nonlinearity") Object nonlinearity,
                                      @JsonProperty("fanSource") Object fanSource) {
        return fromJson(a, mode, nonlinearity, fanSource, KaimingNormalInit::new);
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        if (fanSource == FanSource.TORCH) {
            Init.kaimingNormal(torchView, a, mode, nonlinearity, null);
        } else {
            Init.normal(torchView, 0, dl4jStd(fanIn, fanOut), null);
        }
    }
}
