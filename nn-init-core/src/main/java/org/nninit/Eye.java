package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.eye_(t)}: the 2-D (rectangular) identity, as many inputs preserved as the shape allows.
 * Keras's {@code Identity(gain)} is {@link Identity}.
 *
 * <pre>{@code
 * new Eye().fill(Nd4j.create(DataType.FLOAT, 3, 5));   // nn.init.eye_(torch.empty(3, 5))
 * }</pre>
 */
public record Eye() implements Initializer {

    /** @throws IllegalArgumentException when the array is not 2-D */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        Checks.requireRank(tensor, 2);
        return diagonal(tensor, 1.0);
    }

    /** Zeros with {@code value} on the main diagonal of a checked 2-D tensor. */
    static INDArray diagonal(INDArray tensor, double value) {
        if (tensor.isEmpty()) {
            return tensor;
        }
        tensor.assign(0);
        long diagonal = Math.min(tensor.size(0), tensor.size(1));
        for (long i = 0; i < diagonal; i++) {
            tensor.putScalar(i, i, value);
        }
        return tensor;
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
