package org.nninit;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleRawIndexer;
import org.bytedeco.javacpp.indexer.FloatRawIndexer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nninit.tensor.HostBuffer;

/**
 * The elements of a FLOAT or DOUBLE array on the CPU backend whose elements are one dense block of its
 * native buffer, read and written in place by index, so that a pass over a parameter allocates no
 * parameter-sized temporary. {@link #of} declines every other array (another backend, HALF/BFLOAT16, a strided
 * view), and callers then take their staging path: raw writes into a strided view would overwrite its
 * neighbours, and raw BFLOAT16 writes truncate where {@code assign} rounds (dl4j-facts §5).
 *
 * <p>Element {@code i} is buffer offset {@code i} from the array's first element (the offset its strides give);
 * with {@code rowMajor} requested that is also the {@code i}-th element in row-major order, as
 * {@link ElementStore} promises.
 */
final class HostElements implements ElementStore {

    /** Elements per chunk: large enough to amortise a native copy, small enough to stay in L2. */
    private static final int CHUNK = 1 << 15;
    /** Parallel parts of a pass. */
    private static final int PARTS = 4 * Math.max(1, ForkJoinPool.commonPool().getParallelism() + 1);

    private final long length;
    private final FloatPointer floats;
    private final DoublePointer doubles;
    private final FloatRawIndexer floatIndexer;
    private final DoubleRawIndexer doubleIndexer;

    private HostElements(INDArray tensor, HostBuffer host) {
        this.length = tensor.length();
        floats = host.floats();
        doubles = host.doubles();
        floatIndexer = host.floatIndexer();
        doubleIndexer = host.doubleIndexer();
    }

    /**
     * In-place access to {@code tensor}, or {@code null} when it cannot be had safely.
     *
     * @param rowMajor require buffer order to be row-major order (when the caller's result depends on the
     *                 order in which it visits the elements)
     */
    static HostElements of(INDArray tensor, boolean rowMajor) {
        HostBuffer host = HostBuffer.of(tensor);
        if (host == null || tensor.length() > Integer.MAX_VALUE || !Shape.isContiguousInBuffer(tensor)
                || host.span() < tensor.length() || rowMajor && !hasRowMajorStrides(tensor)) {
            return null;
        }
        return new HostElements(tensor, host);
    }

    /** Strides equal to a 'c'-order array's, ignoring size-1 dimensions (whose stride is never used). */
    private static boolean hasRowMajorStrides(INDArray tensor) {
        long[] shape = tensor.shape();
        long[] stride = tensor.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    @Override
    public int length() {
        return (int) length;
    }

    /** A single write through an {@code Unsafe}-based raw indexer: {@code Pointer.put(i, x)} is a JNI call each. */
    @Override
    public void put(int index, double value) {
        if (floatIndexer != null) {
            floatIndexer.put((long) index, (float) value);
        } else {
            doubleIndexer.put((long) index, value);
        }
    }

    /** Scans parts in parallel; each part keeps its hits in order and the parts are joined in order. */
    @Override
    public int[] indicesOutside(double low, double high) {
        int[][] hits = IntStream.range(0, PARTS).parallel()
                .mapToObj(part -> outsideInPart(part, low, high))
                .toArray(int[][]::new);
        int total = 0;
        for (int[] part : hits) {
            total += part.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] part : hits) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private int[] outsideInPart(int part, double low, double high) {
        // For a float v, (double) v < low exactly when v < the least float >= low (and likewise above), so
        // FLOAT data is compared as floats, without widening every element.
        float lowFloat = (float) low;
        if (lowFloat < low) {
            lowFloat = Math.nextUp(lowFloat);
        }
        float highFloat = (float) high;
        if (highFloat > high) {
            highFloat = Math.nextDown(highFloat);
        }
        Scratch scratch = new Scratch();
        int[] found = new int[16];
        int size = 0;
        for (long start = partStart(part); start < partStart(part + 1); start += CHUNK) {
            int count = (int) Math.min(CHUNK, partStart(part + 1) - start);
            if (floats != null) {
                float[] values = scratch.loadFloats(start, count);
                for (int k = 0; k < count; k++) {
                    float v = values[k];
                    if (v < lowFloat || v > highFloat) {
                        if (size == found.length) {
                            found = Arrays.copyOf(found, size * 2);
                        }
                        found[size++] = (int) (start + k);
                    }
                }
            } else {
                double[] values = scratch.load(start, count);
                for (int k = 0; k < count; k++) {
                    double v = values[k];
                    if (v < low || v > high) {
                        if (size == found.length) {
                            found = Arrays.copyOf(found, size * 2);
                        }
                        found[size++] = (int) (start + k);
                    }
                }
            }
        }
        return Arrays.copyOf(found, size);
    }

    /** Applies {@code function} to every element, in parts on the common fork-join pool; order-free. */
    @Override
    public void mapChunks(ChunkFunction function) {
        IntStream.range(0, PARTS).parallel().forEach(part -> {
            Scratch scratch = new Scratch();
            for (long start = partStart(part); start < partStart(part + 1); start += CHUNK) {
                int count = (int) Math.min(CHUNK, partStart(part + 1) - start);
                function.apply(scratch.load(start, count), count);
                scratch.store(start, count);
            }
        });
    }

    @Override
    public void finish() {
        // Every write went to the array itself.
    }

    /**
     * Part {@code p} covers elements {@code [partStart(p), partStart(p + 1))}, whole chunks except the last. Parts
     * outnumber cores so that a core slowed by other load does not hold the others up.
     */
    private long partStart(int part) {
        long chunks = (length + CHUNK - 1) / CHUNK;
        return Math.min(length, chunks * part / PARTS * CHUNK);
    }

    /**
     * One part's chunk buffers, reused from chunk to chunk so that a pass allocates a few chunks of heap rather
     * than a parameter's worth. Values are widened to double (exact) and FLOAT stores round to nearest, as
     * {@code assign} from a double array does.
     */
    private final class Scratch {
        private final double[] values = new double[CHUNK];
        private final float[] raw = floats != null ? new float[CHUNK] : null;

        /** FLOAT only: the raw values, not widened. */
        float[] loadFloats(long start, int count) {
            new FloatPointer(floats).position(start).get(raw, 0, count);
            return raw;
        }

        double[] load(long start, int count) {
            if (floats != null) {
                new FloatPointer(floats).position(start).get(raw, 0, count);
                for (int k = 0; k < count; k++) {
                    values[k] = raw[k];
                }
            } else {
                new DoublePointer(doubles).position(start).get(values, 0, count);
            }
            return values;
        }

        void store(long start, int count) {
            if (floats != null) {
                for (int k = 0; k < count; k++) {
                    raw[k] = (float) values[k];
                }
                new FloatPointer(floats).position(start).put(raw, 0, count);
            } else {
                new DoublePointer(doubles).position(start).put(values, 0, count);
            }
        }
    }
}
