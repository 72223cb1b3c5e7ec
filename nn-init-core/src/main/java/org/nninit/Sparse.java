package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.sparse_(t, sparsity, std=0.01)}: N(0, std^2) with exactly {@code ceil(sparsity * rows)}
 * zeros in every column (Martens, 2010), the zero rows of each column chosen by one {@code randperm(rows)}.
 * Unlike PyTorch, a sparsity outside [0, 1] is rejected rather than silently sliced. See
 * {@link Init#sparse(INDArray, double, double, Generator)} for where the permutations come from.
 *
 * <pre>{@code
 * new Sparse(0.9).fill(w);   // nn.init.sparse_(w, sparsity=0.9): 90% zeros per column
 * }</pre>
 *
 * @param sparsity the fraction of each column set to zero, in [0, 1]
 * @param std      the standard deviation of the non-zero values
 */
public record Sparse(double sparsity, double std) implements Initializer {

    /** @throws IllegalArgumentException when sparsity is outside [0, 1], or std is negative or not finite */
    public Sparse {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], but found sparsity=" + sparsity);
        }
        Checks.checkNormal(0, std);
    }

    /** std 0.01, PyTorch's default. */
    public Sparse(double sparsity) {
        this(sparsity, 0.01);
    }

    public Sparse sparsity(double sparsity) {
        return new Sparse(sparsity, std);
    }

    public Sparse std(double std) {
        return new Sparse(sparsity, std);
    }

    /** @throws IllegalArgumentException when the array is not 2-D */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        return Init.sparseFill(tensor, this, generator);
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public boolean structured() {
        return true;
    }
}
