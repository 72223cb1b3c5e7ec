package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.tensor.RowMajor;

/**
 * A row-major double copy of an array, written back with {@code assign} by {@link #finish()}: correct on
 * every backend, dtype (HALF/BFLOAT16 round to nearest) and view, at the price of two parameter-sized
 * temporaries.
 */
final class StagedElements implements ElementStore {

    private final INDArray tensor;
    private final double[] values;

    StagedElements(INDArray tensor) {
        this.tensor = tensor;
        this.values = RowMajor.readDoubles(tensor);
    }

    @Override
    public int length() {
        return values.length;
    }

    @Override
    public int[] indicesOutside(double low, double high) {
        int[] outside = new int[values.length];
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < low || values[i] > high) {
                outside[count++] = i;
            }
        }
        return Arrays.copyOf(outside, count);
    }

    @Override
    public void put(int index, double value) {
        values[index] = value;
    }

    @Override
    public void mapChunks(ChunkFunction function) {
        function.apply(values, values.length);
    }

    @Override
    public void finish() {
        RowMajor.write(tensor, values);
    }
}
