package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.normal_(t, mean=0, std=1)}: every element from N(mean, std^2). Keras
 * {@code RandomNormal(mean, stddev)}, JAX {@code normal(stddev)} is {@code new Normal(0, stddev)}.
 *
 * <pre>{@code
 * new Normal().std(0.02).fill(embedding);   // nn.init.normal_(embedding, std=0.02)
 * }</pre>
 *
 * @param mean the mean
 * @param std  the standard deviation, {@code >= 0}
 */
public record Normal(double mean, double std) implements Initializer {

    /** @throws IllegalArgumentException when mean is not finite, or std is negative or not finite */
    public Normal {
        Checks.checkNormal(mean, std);
    }

    /** N(0, 1), PyTorch's defaults. */
    public Normal() {
        this(0, 1);
    }

    public Normal mean(double mean) {
        return new Normal(mean, std);
    }

    public Normal std(double std) {
        return new Normal(mean, std);
    }

    /** @throws IllegalArgumentException when mean or std is beyond the tensor's type */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        Checks.requireRepresentable(tensor, "mean", mean);
        Checks.requireRepresentable(tensor, "std", std);
        if (!tensor.isEmpty()) {
            Generator.orGlobal(generator).fillNormal(tensor, mean, std);
        }
        return tensor;
    }

    @Override
    public boolean elementwise() {
        return true;
    }
}
