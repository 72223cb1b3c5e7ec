package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.constant_(t, val)}: every element set to {@code val}. Keras {@code Constant(value)},
 * JAX {@code constant(value)}. NaN and infinities are taken, as PyTorch's {@code fill_} takes them; a finite
 * value beyond the tensor's type is rejected when filling.
 *
 * <pre>{@code
 * new Constant(0.25).fill(preluWeight);   // nn.PReLU's default
 * }</pre>
 *
 * @param val the value
 */
public record Constant(double val) implements Initializer {

    /** @throws IllegalArgumentException when a finite {@code val} is beyond the tensor's type */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        // NaN and infinities can be held by every floating type (PyTorch's fill_ takes them too); a finite value
        // beyond the type's range cannot.
        if (Double.isFinite(val)) {
            Checks.requireRepresentable(tensor, "val", val);
        }
        if (!tensor.isEmpty()) {
            tensor.assign(val);
        }
        return tensor;
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
