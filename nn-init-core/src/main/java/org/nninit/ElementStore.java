package org.nninit;

import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elements of an array being initialised, addressed by row-major index, for the passes that
 * {@link TruncatedNormal} makes after its bulk draw. Two kinds: {@link HostElements} works on the array's own
 * buffer, {@link StagedElements} on a row-major copy written back by {@code assign} (any backend, dtype, view).
 */
interface ElementStore {

    /** The number of elements. */
    int length();

    /** The row-major indices of the elements below {@code low} or above {@code high}, ascending. */
    int[] indicesOutside(double low, double high);

    /** Sets element {@code index}, rounding to the array's dtype. */
    void put(int index, double value);

    /** Replaces every element {@code x} by {@code function(x)}, computed in double. */
    default void map(DoubleUnaryOperator function) {
        mapChunks((values, count) -> {
            for (int k = 0; k < count; k++) {
                values[k] = function.applyAsDouble(values[k]);
            }
        });
    }

    /**
     * Hands the elements, widened to double, to {@code function} a chunk at a time, in no particular order and
     * possibly from several threads, and stores what it leaves in the chunk: for transforms that batch their
     * work (a native call per chunk rather than per element).
     */
    void mapChunks(ChunkFunction function);

    /** An in-place transform of {@code values[0..count)}. */
    @FunctionalInterface
    interface ChunkFunction {
        void apply(double[] values, int count);
    }

    /** Makes the writes visible in the array. */
    void finish();

    /** In-place access when it is safe, else a staged copy. */
    static ElementStore of(INDArray tensor, boolean rowMajor) {
        HostElements host = HostElements.of(tensor, rowMajor);
        return host != null ? host : new StagedElements(tensor);
    }
}
