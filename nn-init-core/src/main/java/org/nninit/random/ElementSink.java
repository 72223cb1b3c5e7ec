package org.nninit.random;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.tensor.HostBuffer;

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
    private final FloatPointer floatBase;
    private final DoublePointer doubleBase;
    private final INDArray tensor;
    private final float[] stagedFloats;
    private final double[] stagedDoubles;

    private ElementSink(INDArray tensor) {
        this.tensor = tensor;
        this.walk = TensorWalk.of(tensor);
        DataType type = tensor.dataType();
        this.isDouble = type == DataType.DOUBLE;
        this.reduced = type == DataType.HALF || type == DataType.BFLOAT16 ? type : null;
        HostBuffer host = reduced == null ? HostBuffer.of(tensor) : null;
        this.direct = host != null;
        if (direct) {
            stagedFloats = null;
            stagedDoubles = null;
            floatBase = host.floats();
            doubleBase = host.doubles();
            floats = host.floatIndexer();
            doubles = host.doubleIndexer();
        } else {
            floatBase = null;
            doubleBase = null;
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

    /** The walk visits positions 0, 1, 2, ... of this sink, so {@link #putLinear} may be used. */
    boolean linear() {
        return direct ? walk.dense : walk.contiguous;
    }

    /** Element positions in walk order. */
    TensorWalk.Cursor cursor() {
        return walk.cursor(direct);
    }

    /**
     * Copies {@code values[0..count)} to the linear positions {@code start..start+count) (dense walks only);
     * a bulk native copy when writing in place. Safe from several threads on disjoint ranges.
     */
    void putLinear(long start, float[] values, int count) {
        if (floatBase != null) {
            new FloatPointer(floatBase).position(start).put(values, 0, count);
        } else {
            for (int k = 0; k < count; k++) {
                floats.put(start + k, values[k]);
            }
        }
    }

    /** As {@link #putLinear(long, float[], int)}, for a DOUBLE array. */
    void putLinear(long start, double[] values, int count) {
        if (doubleBase != null) {
            new DoublePointer(doubleBase).position(start).put(values, 0, count);
        } else {
            for (int k = 0; k < count; k++) {
                doubles.put(start + k, values[k]);
            }
        }
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
