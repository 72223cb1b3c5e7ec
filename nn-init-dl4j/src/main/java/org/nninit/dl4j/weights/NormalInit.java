package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.normal_(w, mean, std)} as a DL4J weight init, from the network's seeded RNG.
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(4, 4).nOut(64).weightInit(new NormalInit(0, 0.02)).build();   // DCGAN
 * }</pre>
 */
public final class NormalInit extends TorchInit {

    private final double mean;
    private final double std;

    /** N(0, 1), PyTorch's defaults. */
    public NormalInit() {
        this(0, 1);
    }

    /** @throws IllegalArgumentException when mean or std is not finite or {@code std < 0} */
    public NormalInit(double mean, double std) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException("normal_ expects finite mean and std >= 0.0, but found mean=" + mean
                    + ", std=" + std);
        }
        this.mean = mean;
        this.std = std;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    @JsonCreator
    static NormalInit fromJson(@JsonProperty("mean") Object mean, @JsonProperty("std") Object std) {
        return new NormalInit(JsonFields.number("mean", mean), JsonFields.number("std", std));
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.normal(torchView, mean, std, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalInit other && Double.compare(mean, other.mean) == 0
                && Double.compare(std, other.std) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), mean, std);
    }

    @Override
    public String toString() {
        return "NormalInit(mean=" + mean + ", std=" + std + ")";
    }
}
