package org.nninit.random;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The order in which PyTorch's CPU kernels visit a tensor's elements, for the torch tensor with the same
 * shape and strides as an ND4J array.
 *
 * <p>A nullary {@code TensorIterator} (what {@code uniform_} and the per-element {@code normal_} use) drops
 * size-1 dimensions and reorders the rest by stride, the largest stride outermost, so it walks the elements in
 * memory order: a contiguous tensor row by row, an 'f'-order matrix column by column, a strided slice in
 * the order of its strides. {@code normal_}'s block kernel, used only on a contiguous ('c'-order, dense)
 * tensor, also walks memory order, which there is row-major order.
 */
final class TensorWalk {

    /** Sizes and strides of the non-trivial dimensions, outermost first. */
    private final long[] sizes;
    private final long[] bufferStrides;
    private final long[] logicalStrides;
    final long length;
    /** The walk visits buffer offsets 0, 1, ..., length-1. */
    final boolean dense;
    /** PyTorch's {@code is_contiguous()}: dense and row-major. */
    final boolean contiguous;

    private TensorWalk(long[] sizes, long[] bufferStrides, long[] logicalStrides, long length, boolean dense,
                       boolean contiguous) {
        this.sizes = sizes;
        this.bufferStrides = bufferStrides;
        this.logicalStrides = logicalStrides;
        this.length = length;
        this.dense = dense;
        this.contiguous = contiguous;
    }

    static TensorWalk of(INDArray tensor) {
        long[] shape = tensor.shape();
        long[] stride = tensor.stride();
        int rank = shape.length;
        long[] rowMajor = new long[rank];
        long running = 1;
        for (int d = rank - 1; d >= 0; d--) {
            rowMajor[d] = running;
            running *= shape[d];
        }
        List<Integer> dims = new ArrayList<>();
        boolean contiguous = true;
        for (int d = 0; d < rank; d++) {
            if (shape[d] != 1) {
                dims.add(d);
                contiguous &= stride[d] == rowMajor[d];
            }
        }
        // Stable, so equal strides (only possible in overlapping views) keep their logical order.
        dims.sort(Comparator.comparingLong((Integer d) -> stride[d]).reversed());
        int k = dims.size();
        long[] sizes = new long[k];
        long[] bufferStrides = new long[k];
        long[] logicalStrides = new long[k];
        for (int i = 0; i < k; i++) {
            int d = dims.get(i);
            sizes[i] = shape[d];
            bufferStrides[i] = stride[d];
            logicalStrides[i] = rowMajor[d];
        }
        boolean dense = true;
        long expected = 1;
        for (int i = k - 1; i >= 0; i--) {
            dense &= bufferStrides[i] == expected;
            expected *= sizes[i];
        }
        return new TensorWalk(sizes, bufferStrides, logicalStrides, tensor.length(), dense, contiguous);
    }

    /** Visits the buffer offsets ({@code buffer}) or the row-major indices of the elements, in walk order. */
    Cursor cursor(boolean buffer) {
        return new Cursor(sizes, buffer ? bufferStrides : logicalStrides, buffer && dense);
    }

    /** An odometer over the walk; {@code next()} gives the position of the next element. */
    static final class Cursor {
        private final long[] sizes;
        private final long[] strides;
        private final long[] index;
        private final boolean linear;
        private long position;
        private long count;

        Cursor(long[] sizes, long[] strides, boolean linear) {
            this.sizes = sizes;
            this.strides = strides;
            this.index = new long[sizes.length];
            this.linear = linear;
        }

        long next() {
            if (linear) {
                return count++;
            }
            long current = position;
            for (int d = sizes.length - 1; d >= 0; d--) {
                if (++index[d] < sizes[d]) {
                    position += strides[d];
                    return current;
                }
                position -= (sizes[d] - 1) * strides[d];
                index[d] = 0;
            }
            return current;
        }
    }
}
