package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.ones_(t)}; Keras {@code Ones()}, JAX {@code ones}.
 *
 * <pre>{@code
 * new Ones().fill(layerNormWeight);
 * }</pre>
 */
public record Ones() implements Initializer {

    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        return new Constant(1).fill(tensor, generator);
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
