package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.uniform_(t, a=0, b=1)}: every element from U[a, b). Keras {@code RandomUniform(minval,
 * maxval)}, JAX {@code uniform(scale)} is {@code new Uniform(0, scale)}.
 *
 * <pre>{@code
 * new Uniform(-0.1, 0.1).fill(w, new TorchGenerator(0));   // torch.manual_seed(0); nn.init.uniform_(w, -0.1, 0.1)
 * new Uniform().bounds(-0.1, 0.1).fill(w);                 // the same bounds, the global RNG
 * }</pre>
 *
 * @param a the lower bound (inclusive)
 * @param b the upper bound
 */
public record Uniform(double a, double b) implements Initializer {

    /** @throws IllegalArgumentException when a or b is not finite or {@code a > b} */
    public Uniform {
        Checks.checkUniformBounds(a, b);
    }

    /** U[0, 1), PyTorch's defaults. */
    public Uniform() {
        this(0, 1);
    }

    /** A copy with bounds {@code [a, b)} (both at once: each alone could cross the other). */
    public Uniform bounds(double a, double b) {
        return new Uniform(a, b);
    }

    /** @throws IllegalArgumentException when a bound or {@code b - a} is beyond the tensor's type */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        Checks.requireRepresentable(tensor, "a", a);
        Checks.requireRepresentable(tensor, "b", b);
        Checks.requireSpan(tensor, "uniform_", a, b);
        if (!tensor.isEmpty()) {
            Generator.orGlobal(generator).fillUniform(tensor, a, b);
        }
        return tensor;
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
