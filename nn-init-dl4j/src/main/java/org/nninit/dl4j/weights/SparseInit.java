package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Sparse;

/**
 * {@code torch.nn.init.sparse_(w, sparsity, std)} as a DL4J weight init: N(0, std) with a fraction
 * {@code sparsity} of each column of torch's {@code [out, in]} weight set to zero (for a Dense layer, of
 * each input's outgoing weights, i.e. each row of DL4J's {@code W [nIn, nOut]}).
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(100).nOut(50).weightInit(new SparseInit(0.1, 0.01)).build();
 * }</pre>
 */
public final class SparseInit extends TorchWeightInit {

    /** std 0.01, PyTorch's default. */
    public SparseInit(double sparsity) {
        super(new Sparse(sparsity));
    }

    /** @throws IllegalArgumentException when sparsity is outside [0, 1] or std is negative or not finite */
    public SparseInit(double sparsity, double std) {
        super(new Sparse(sparsity, std));
    }

    private SparseInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SparseInit fromJson(Map<String, Object> fields) {
        return new SparseInit(decode(Sparse.class, fields));
    }

    public double sparsity() {
        return ((Sparse) value()).sparsity();
    }

    public double std() {
        return ((Sparse) value()).std();
    }
}
