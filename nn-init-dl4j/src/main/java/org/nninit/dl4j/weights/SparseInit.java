package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nninit.Init;

/**
 * {@code torch.nn.init.sparse_(w, sparsity, std)} as a DL4J weight init: N(0, std) with a fraction
 * {@code sparsity} of each column of torch's {@code [out, in]} weight set to zero (for a Dense layer, of
 * each input's outgoing weights, i.e. each row of DL4J's {@code W [nIn, nOut]}).
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(100).nOut(50).weightInit(new SparseInit(0.1, 0.01)).build();
 * }</pre>
 */
public final class SparseInit extends TorchInit {

    private final double sparsity;
    private final double std;

    /** For Jackson only: a missing field keeps these values (PyTorch's std default). */
    private SparseInit() {
        this.sparsity = 0;
        this.std = 0.01;
    }

    /** std 0.01, PyTorch's default. */
    public SparseInit(double sparsity) {
        this(sparsity, 0.01);
    }

    /** @throws IllegalArgumentException when sparsity is outside [0, 1] or std is negative or not finite */
    public SparseInit(double sparsity, double std) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], but found sparsity=" + sparsity);
        }
        if (!Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException("std must be finite and >= 0, but found std=" + std);
        }
        this.sparsity = sparsity;
        this.std = std;
    }

    public double sparsity() {
        return sparsity;
    }

    public double std() {
        return std;
    }

    @JsonCreator
    static SparseInit fromJson(@JsonProperty("sparsity") Object sparsity, @JsonProperty("std") Object std) {
        return new SparseInit(JsonFields.number("sparsity", sparsity), JsonFields.number("std", std));
    }

    @Override
    boolean indexes() {
        return true;
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.sparse(torchView, sparsity, std, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseInit other && Double.compare(sparsity, other.sparsity) == 0
                && Double.compare(std, other.std) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), sparsity, std);
    }

    @Override
    public String toString() {
        return "SparseInit(sparsity=" + sparsity + ", std=" + std + ")";
    }
}
