package org.nninit.random;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.DoubleRawIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.FloatRawIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a fill writes its values: straight into the array's native buffer (FLOAT and DOUBLE on the CPU
 * backend, at the elements' buffer offsets, so strided views keep their neighbours), or into a row-major
 * staging array that is {@code assign}ed at the end (HALF and BFLOAT16, which {@code assign} rounds to
 * nearest, and any other backend, whose buffers are not plain host memory).
 */
final class ElementSink {

    final TensorWalk walk;
    /** Values are in double precision (a DOUBLE array); otherwise float. */
    final boolean isDouble;
    /** HALF or BFLOAT16: the values PyTorch computes are rounded to this type. */
    final DataType reduced;
    final FloatIndexer floats;
    final DoubleIndexer doubles;
    /** Positions are buffer offsets; otherwise row-major indices into the staging array. */
    final boolean direct;
    private final INDArray tensor;
    private final float[] stagedFloats;
    private final double[] stagedDoubles;

    private ElementSink(INDArray tensor) {
        this.tensor = tensor;
        this.walk = TensorWalk.of(tensor);
        DataType type = tensor.dataType();
        this.isDouble = type == DataType.DOUBLE;
        this.reduced = type == DataType.HALF || type == DataType.BFLOAT16 ? type : null;
        this.direct = reduced == null && Nd4j.getEnvironment().isCPU();
        if (direct) {
            // A view's buffer starts at the view's first element and spans its last one.
            long span = tensor.data().length();
            stagedFloats = null;
            stagedDoubles = null;
            if (isDouble) {
                DoublePointer pointer = new DoublePointer(tensor.data().addressPointer());
                doubles = new DoubleRawIndexer(pointer.capacity(span).limit(span));
                floats = null;
            } else {
                FloatPointer pointer = new FloatPointer(tensor.data().addressPointer());
                floats = new FloatRawIndexer(pointer.capacity(span).limit(span));
                doubles = null;
            }
        } else {
            int n = Math.toIntExact(walk.length);
            if (isDouble) {
                stagedDoubles = new double[n];
                stagedFloats = null;
                doubles = DoubleIndexer.create(stagedDoubles);
                floats = null;
            } else {
                stagedFloats = new float[n];
                stagedDoubles = null;
                floats = FloatIndexer.create(stagedFloats);
                doubles = null;
            }
        }
    }

    static ElementSink of(INDArray tensor) {
        return new ElementSink(tensor);
    }

    boolean isBfloat16() {
        return reduced == DataType.BFLOAT16;
    }

    /** Element positions in walk order. */
    TensorWalk.Cursor cursor() {
        return walk.cursor(direct);
    }

    /** Publishes staged values; direct writes are already in place. */
    void finish() {
        if (stagedFloats != null) {
            tensor.assign(Nd4j.create(stagedFloats, tensor.shape(), 'c'));
        } else if (stagedDoubles != null) {
            tensor.assign(Nd4j.create(stagedDoubles, tensor.shape(), 'c'));
        }
    }
}
