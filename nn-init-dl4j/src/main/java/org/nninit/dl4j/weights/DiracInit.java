package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.dirac_(w, groups)} as a DL4J weight init for convolutions: an identity convolution
 * on torch's {@code [out, in, k...]} weight. DL4J's Convolution/Convolution3D weights are already in that
 * layout; Convolution1DLayer's weight is read through {@link TorchLayout}'s Conv1D view, so the result is an
 * identity through DL4J's forward pass (tested), whatever DL4J's declared {@code [out, in, k, 1]} suggests.
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(3, 3).nIn(16).nOut(16).convolutionMode(ConvolutionMode.Same)
 *         .weightInit(new DiracInit()).build();
 * }</pre>
 */
public final class DiracInit extends TorchInit {

    private final int groups;

    /** One group, PyTorch's default. */
    public DiracInit() {
        this(1);
    }

    /** @throws IllegalArgumentException when {@code groups < 1} */
    public DiracInit(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, but found groups=" + groups);
        }
        this.groups = groups;
    }

    public int groups() {
        return groups;
    }

    @JsonCreator
    static DiracInit fromJson(@JsonProperty("groups") Object groups) {
        return new DiracInit(JsonFields.integer("groups", groups));
    }

    @Override
    boolean indexes() {
        return true;
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.dirac(torchView, groups);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiracInit other && groups == other.groups;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), groups);
    }

    @Override
    public String toString() {
        return "DiracInit(groups=" + groups + ")";
    }
}
