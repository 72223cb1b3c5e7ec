package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.orthogonal_(w, gain)} as a DL4J weight init, on torch's {@code [out, in...]} layout:
 * for a Dense layer the rows (or columns, whichever are fewer) of torch's {@code [out, in]} are orthonormal.
 *
 * <pre>{@code
 * new LSTM.Builder().nIn(32).nOut(64).weightInitRecurrent(new OrthogonalInit(1.0)).build();
 * }</pre>
 */
public final class OrthogonalInit extends TorchInit {

    private final double gain;

    /** Gain 1, PyTorch's default. */
    public OrthogonalInit() {
        this(1);
    }

    /** @throws IllegalArgumentException when gain is not finite */
    public OrthogonalInit(double gain) {
        if (!Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be finite, but found gain=" + gain);
        }
        this.gain = gain;
    }

    public double gain() {
        return gain;
    }

    @JsonCreator
    static OrthogonalInit fromJson(@JsonProperty("gain") Object gain) {
        return new OrthogonalInit(JsonFields.number("gain", gain));
    }

    @Override
    boolean indexes() {
        return true;
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.orthogonal(torchView, gain, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalInit other && Double.compare(gain, other.gain) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), gain);
    }

    @Override
    public String toString() {
        return "OrthogonalInit(gain=" + gain + ")";
    }
}
