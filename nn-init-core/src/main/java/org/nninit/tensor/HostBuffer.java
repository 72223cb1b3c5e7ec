package org.nninit.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleRawIndexer;
import org.bytedeco.javacpp.indexer.FloatRawIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native memory behind a FLOAT or DOUBLE array on the CPU backend, from the array's first element to the
 * end of its buffer view: bulk copies through the pointer, single elements through an {@code Unsafe}-based raw
 * indexer (a {@code Pointer.put(i, x)} is a JNI call each). Offsets are buffer offsets, so a caller writing a
 * strided view must use its strides, and must never write HALF or BFLOAT16 this way (raw BFLOAT16 writes
 * truncate where {@code assign} rounds; dl4j-facts §5). Other backends keep their data elsewhere: there is no
 * host buffer, and callers stage values and {@code assign} them.
 *
 * <pre>{@code
 * HostBuffer host = HostBuffer.of(weight);      // null on CUDA, for HALF/BFLOAT16 or an empty array
 * if (host != null) host.floatIndexer().put(0, 1f);
 * }</pre>
 */
public final class HostBuffer {

    private final long span;
    private final FloatPointer floats;
    private final DoublePointer doubles;
    private final FloatRawIndexer floatIndexer;
    private final DoubleRawIndexer doubleIndexer;

    private HostBuffer(INDArray tensor) {
        // A view's buffer starts at the view's first element and spans its last one (dl4j-facts §5).
        span = tensor.data().length();
        if (tensor.dataType() == DataType.DOUBLE) {
            doubles = new DoublePointer(tensor.data().addressPointer()).capacity(span).limit(span);
            doubleIndexer = new DoubleRawIndexer(doubles);
            floats = null;
            floatIndexer = null;
        } else {
            floats = new FloatPointer(tensor.data().addressPointer()).capacity(span).limit(span);
            floatIndexer = new FloatRawIndexer(floats);
            doubles = null;
            doubleIndexer = null;
        }
    }

    /** The host memory of {@code tensor}, or {@code null} when it has none that may be written directly. */
    public static HostBuffer of(INDArray tensor) {
        DataType type = tensor.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE || tensor.isEmpty() || !Nd4j.getEnvironment().isCPU()) {
            return null;
        }
        return new HostBuffer(tensor);
    }

    /** Elements from the array's first one to the end of its buffer view. */
    public long span() {
        return span;
    }

    public boolean isDouble() {
        return doubles != null;
    }

    /** The FLOAT memory, or {@code null} for a DOUBLE array; copy it ({@code new FloatPointer(p)}) to reposition. */
    public FloatPointer floats() {
        return floats;
    }

    /** The DOUBLE memory, or {@code null} for a FLOAT array. */
    public DoublePointer doubles() {
        return doubles;
    }

    public FloatRawIndexer floatIndexer() {
        return floatIndexer;
    }

    public DoubleRawIndexer doubleIndexer() {
        return doubleIndexer;
    }
}
