package org.nninit.random;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Generator} over ND4J's native random ops ({@code UniformDistribution}, {@code GaussianDistribution}),
 * which run on the loaded backend: CPU with {@code nd4j-native}, the GPU with {@code nd4j-cuda}.
 *
 * <p>Values fill the array in its memory order; they are independent and identically distributed, so the
 * distribution does not depend on the order. An array without the strides of a fresh 'c' or 'f' array (a
 * strided slice, a permuted array) is filled through a temporary of its shape, because the native ops write
 * linearly and some of them fill such arrays only partly.
 *
 * <pre>{@code
 * Generator seeded = Nd4jGenerator.of(Nd4j.getRandomFactory().getNewRandomInstance(42));
 * Init.xavierUniform(w, 1.0, seeded);
 * }</pre>
 */
public final class Nd4jGenerator implements Generator {

    /** Resolves {@code Nd4j.getRandom()} at every call: it is thread-local and DL4J re-seeds it. */
    static final Nd4jGenerator GLOBAL = new Nd4jGenerator(Nd4j::getRandom);

    private final Supplier<Random> random;

    private Nd4jGenerator(Supplier<Random> random) {
        this.random = random;
    }

    /** A generator drawing from one ND4J {@link Random} instance, e.g. a privately seeded one. */
    public static Nd4jGenerator of(Random random) {
        if (random == null) {
            throw new IllegalArgumentException("random is null");
        }
        return new Nd4jGenerator(() -> random);
    }

    @Override
    public void fillUniform(INDArray tensor, double from, double to) {
        fill(tensor, target -> new UniformDistribution(target, from, to));
    }

    @Override
    public void fillNormal(INDArray tensor, double mean, double std) {
        fill(tensor, target -> new GaussianDistribution(target, mean, std));
    }

    /**
     * Fisher-Yates shuffle driven by the ND4J RNG: one 64-bit draw from it seeds a {@link SplittableRandom}
     * whose unbiased {@code nextInt(i + 1)} picks the swaps. So the permutation follows the ND4J seed (DL4J's
     * {@code .seed(...)}) at the cost of one JNI call, where a native uniform op per permutation took about 8 ms
     * for n = 65536 (measured; it dominated {@code sparse} on large matrices).
     */
    @Override
    public long[] randperm(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, but found n=" + n);
        }
        long[] permutation = new long[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        if (n < 2) {
            return permutation;
        }
        SplittableRandom swaps = new SplittableRandom(random.get().nextLong());
        for (int i = n - 1; i > 0; i--) {
            int j = swaps.nextInt(i + 1);
            long swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }

    /**
     * Elements per native call: ND4J's uniform op repeats its sequence after 2^31 elements of one call
     * ({@code x[2^31 + k] == x[k]}), so larger arrays are filled a part at a time, each call drawing fresh values.
     */
    static final long CHUNK = 1L << 30;

    /** Fills a dense array through 1-D views of its buffer of at most {@code chunk} elements. */
    void fillInChunks(INDArray tensor, java.util.function.Function<INDArray, org.nd4j.linalg.api.ops.RandomOp> op,
                      long chunk) {
        long n = tensor.length();
        if (n <= chunk) {
            Nd4j.getExecutioner().exec(op.apply(tensor), random.get());
            return;
        }
        // A dense array's elements are its buffer from its offset on, in its order: a flat view covers them.
        INDArray flat = tensor.reshape(tensor.ordering(), new long[] {n});
        for (long start = 0; start < n; start += chunk) {
            INDArray part = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, Math.min(n, start + chunk)));
            Nd4j.getExecutioner().exec(op.apply(part), random.get());
        }
    }

    /**
     * Whether the array has the strides of a fresh 'c' or 'f' array of its shape (size-1 dimensions aside):
     * the only layout the native random ops are known to fill completely. Being one dense block of the buffer
     * is not enough: on a permuted array (dense, but with no element-wise stride) the Gaussian op writes one
     * element and leaves the rest.
     */
    static boolean denseInItsOrder(INDArray tensor) {
        return hasStrides(tensor, 'c') || hasStrides(tensor, 'f');
    }

    private static boolean hasStrides(INDArray tensor, char order) {
        long[] shape = tensor.shape();
        long[] stride = tensor.stride();
        long expected = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = order == 'c' ? shape.length - 1 - k : k;
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    private void fill(INDArray tensor, java.util.function.Function<INDArray, org.nd4j.linalg.api.ops.RandomOp> op) {
        if (tensor.isEmpty()) {
            return;
        }
        if (denseInItsOrder(tensor)) {
            fillInChunks(tensor, op, CHUNK);
        } else {
            INDArray dense = Nd4j.createUninitialized(tensor.dataType(), tensor.shape(), tensor.ordering());
            fillInChunks(dense, op, CHUNK);
            tensor.assign(dense);
        }
    }
}
