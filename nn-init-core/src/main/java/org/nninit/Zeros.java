package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.zeros_(t)}; Keras {@code Zeros()}, JAX {@code zeros}.
 *
 * <pre>{@code
 * new Zeros().fill(bias);
 * }</pre>
 */
public record Zeros() implements Initializer {

    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        return new Constant(0).fill(tensor, generator);
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
