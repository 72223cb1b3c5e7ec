package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * Keras's {@code keras.initializers.Identity(gain=1.0)}: {@code gain} times the (rectangular) identity matrix,
 * {@code gain * eye(rows, cols)}; 2-D only, as in Keras. With gain 1 it is PyTorch's {@code eye_}
 * ({@link Eye}).
 *
 * <pre>{@code
 * new Identity(0.5).fill(Nd4j.create(DataType.FLOAT, 3, 5));   // keras.initializers.Identity(gain=0.5)
 * }</pre>
 *
 * @param gain the value on the diagonal, finite
 */
public record Identity(double gain) implements Initializer {

    /** @throws IllegalArgumentException when gain is not finite */
    public Identity {
        Checks.requireFinite("gain", gain);
    }

    /** Gain 1, Keras's default. */
    public Identity() {
        this(1.0);
    }

    public Identity gain(double gain) {
        return new Identity(gain);
    }

    /** @throws IllegalArgumentException when the array is not 2-D, or gain is beyond its type */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        Checks.requireRank(tensor, 2);
        Checks.requireRepresentable(tensor, "gain", gain);
        return Eye.diagonal(tensor, gain);
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
