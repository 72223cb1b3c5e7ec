package org.nninit.internal.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The orders in which an array's elements are visited, as positions: buffer offsets from the array's first
 * element (its strides), or row-major indices into a row-major copy.
 *
 * <p>The <em>walk</em> is the order in which PyTorch's CPU kernels visit the torch tensor with the same shape and
 * strides. A nullary {@code TensorIterator} (what {@code uniform_} and the per-element {@code normal_} use) drops
 * size-1 dimensions and reorders the rest by stride, the largest stride outermost, so it walks the elements in
 * memory order: a contiguous tensor row by row, an 'f'-order matrix column by column, a strided slice in
 * the order of its strides. {@code normal_}'s block kernel, used only on a contiguous ('c'-order, dense)
 * tensor, also walks memory order, which there is row-major order.
 *
 * <p>Row-major order is the order of {@code tensor.dup('c')}: what element-wise passes that must agree with a
 * second array of the same shape (whatever its memory order) index by.
 */
public final class TensorWalk {

    /** Sizes and strides of the non-trivial dimensions, outermost first in walk order. */
    private final long[] sizes;
    private final long[] bufferStrides;
    private final long[] logicalStrides;
    /** The non-trivial dimensions in row-major (logical) order. */
    private final long[] rowMajorSizes;
    private final long[] rowMajorBufferStrides;
    private final long length;
    private final boolean dense;
    private final boolean contiguous;

    private TensorWalk(long[] sizes, long[] bufferStrides, long[] logicalStrides, long[] rowMajorSizes,
                       long[] rowMajorBufferStrides, long length, boolean dense, boolean contiguous) {
        this.sizes = sizes;
        this.bufferStrides = bufferStrides;
        this.logicalStrides = logicalStrides;
        this.rowMajorSizes = rowMajorSizes;
        this.rowMajorBufferStrides = rowMajorBufferStrides;
        this.length = length;
        this.dense = dense;
        this.contiguous = contiguous;
    }

    public static TensorWalk of(INDArray tensor) {
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
        long[] rowMajorSizes = new long[dims.size()];
        long[] rowMajorBufferStrides = new long[dims.size()];
        for (int i = 0; i < dims.size(); i++) {
            rowMajorSizes[i] = shape[dims.get(i)];
            rowMajorBufferStrides[i] = stride[dims.get(i)];
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
        return new TensorWalk(sizes, bufferStrides, logicalStrides, rowMajorSizes, rowMajorBufferStrides,
                tensor.length(), dense, contiguous);
    }

    /** The number of elements. */
    public long length() {
        return length;
    }

    /** The walk visits buffer offsets 0, 1, ..., length-1: the elements are one dense block of the buffer. */
    public boolean dense() {
        return dense;
    }

    /** PyTorch's {@code is_contiguous()}: dense and row-major, so buffer offset and row-major index coincide. */
    public boolean contiguous() {
        return contiguous;
    }

    /** Visits the buffer offsets ({@code buffer}) or the row-major indices of the elements, in walk order. */
    public Cursor cursor(boolean buffer) {
        return new Cursor(sizes, buffer ? bufferStrides : logicalStrides, buffer ? dense : contiguous, 0);
    }

    /**
     * Visits the elements in row-major order from row-major index {@code start} on, giving their buffer offsets
     * ({@code buffer}) or their row-major indices.
     */
    public Cursor rowMajorCursor(boolean buffer, long start) {
        if (!buffer || contiguous) {
            return new Cursor(rowMajorSizes, rowMajorBufferStrides, true, start);
        }
        return new Cursor(rowMajorSizes, rowMajorBufferStrides, false, start);
    }

    /** The buffer offset of the element at row-major index {@code index}. */
    public long bufferOffset(long index) {
        if (contiguous) {
            return index;
        }
        long offset = 0;
        for (int d = rowMajorSizes.length - 1; d >= 0; d--) {
            offset += index % rowMajorSizes[d] * rowMajorBufferStrides[d];
            index /= rowMajorSizes[d];
        }
        return offset;
    }

    /** An odometer over the elements; {@code next()} gives the position of the next element. */
    public static final class Cursor {
        private final long[] sizes;
        private final long[] strides;
        private final long[] index;
        private final boolean linear;
        private long position;
        private long count;

        Cursor(long[] sizes, long[] strides, boolean linear, long start) {
            this.sizes = sizes;
            this.strides = strides;
            this.index = new long[sizes.length];
            this.linear = linear;
            this.count = start;
            if (!linear) {
                long rest = start;
                for (int d = sizes.length - 1; d >= 0; d--) {
                    index[d] = rest % sizes[d];
                    position += index[d] * strides[d];
                    rest /= sizes[d];
                }
            }
        }

        public long next() {
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
