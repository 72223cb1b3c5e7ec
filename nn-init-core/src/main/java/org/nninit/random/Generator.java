package org.nninit.random;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The source of randomness every random {@code Init} function draws from, like {@code torch.Generator}.
 *
 * <p>A generator fills a whole array at once, so that it decides how the stream maps onto the elements:
 * {@link Nd4jGenerator} runs ND4J's native random ops on whichever backend is loaded, and
 * {@link TorchGenerator} reproduces PyTorch's CPU generator, including how PyTorch walks contiguous and
 * strided tensors. {@code Init} validates every argument before it calls a generator, so implementations may
 * assume a floating-point array and finite, ordered parameters.
 *
 * <pre>{@code
 * Generator gen = new TorchGenerator(0);          // torch.manual_seed(0)
 * Init.kaimingUniform(w, 0, FanMode.FAN_IN, Nonlinearity.RELU, gen);
 * Init.normal(b, 0, 0.02);                        // no generator: ND4J's global RNG (Nd4j.getRandom())
 * }</pre>
 */
public interface Generator {

    /**
     * Fills {@code tensor} in place with draws from U[from, to), as {@code tensor.uniform_(from, to)}.
     *
     * @param tensor a floating-point array (any order, view or dtype)
     */
    void fillUniform(INDArray tensor, double from, double to);

    /**
     * Fills {@code tensor} in place with draws from N(mean, std^2), as {@code tensor.normal_(mean, std)}.
     *
     * @param tensor a floating-point array (any order, view or dtype)
     * @param std    a standard deviation, already checked to be {@code >= 0}
     */
    void fillNormal(INDArray tensor, double mean, double std);

    /**
     * A random permutation of {@code 0 .. n-1}, as {@code torch.randperm(n)}.
     *
     * @param n the permutation length, {@code >= 0}
     */
    long[] randperm(int n);

    /**
     * The generator used when a call passes none: ND4J's global, thread-local RNG ({@code Nd4j.getRandom()}),
     * looked up at each call so that DL4J's {@code .seed(...)} keeps networks reproducible.
     */
    static Generator global() {
        return Nd4jGenerator.GLOBAL;
    }

    /** {@code generator}, or {@link #global()} when it is {@code null}. */
    static Generator orGlobal(Generator generator) {
        return generator == null ? global() : generator;
    }
}
