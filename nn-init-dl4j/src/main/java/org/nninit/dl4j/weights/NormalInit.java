package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Normal;

/**
 * {@code torch.nn.init.normal_(w, mean, std)} as a DL4J weight init, from the network's seeded RNG.
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(4, 4).nOut(64).weightInit(new NormalInit(0, 0.02)).build();   // DCGAN
 * }</pre>
 */
public final class NormalInit extends TorchWeightInit {

    /** N(0, 1), PyTorch's defaults. */
    public NormalInit() {
        super(new Normal());
    }

    /** @throws IllegalArgumentException when mean is not finite, or std is negative or not finite */
    public NormalInit(double mean, double std) {
        super(new Normal(mean, std));
    }

    private NormalInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static NormalInit fromJson(Map<String, Object> fields) {
        return new NormalInit(decode(Normal.class, fields));
    }

    public double mean() {
        return ((Normal) value()).mean();
    }

    public double std() {
        return ((Normal) value()).std();
    }
}
