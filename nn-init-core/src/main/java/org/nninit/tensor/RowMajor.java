package org.nninit.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes an array's elements in logical row-major order, the order PyTorch gives the elements of
 * a tensor of the same shape, whatever the array's memory order, strides or dtype.
 *
 * <p>Writes go through ND4J's {@code assign}, which copies strided views correctly on every backend and
 * rounds to nearest when the array is HALF or BFLOAT16.
 *
 * <pre>{@code
 * float[] values = RowMajor.readFloats(w.transpose());   // the transpose's elements, row by row
 * }</pre>
 */
public final class RowMajor {

    private RowMajor() {
    }

    /** The elements as doubles, row by row. */
    public static double[] readDoubles(INDArray tensor) {
        if (tensor.isEmpty()) {
            return new double[0];
        }
        return tensor.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** The elements as floats, row by row. */
    public static float[] readFloats(INDArray tensor) {
        if (tensor.isEmpty()) {
            return new float[0];
        }
        return tensor.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /** Writes {@code values} into {@code tensor}, row by row; HALF and BFLOAT16 round to nearest. */
    public static void write(INDArray tensor, float[] values) {
        checkLength(tensor, values.length);
        if (values.length > 0) {
            tensor.assign(Nd4j.create(values, tensor.shape(), 'c'));
        }
    }

    /** Writes {@code values} into {@code tensor}, row by row, rounding to the tensor's dtype. */
    public static void write(INDArray tensor, double[] values) {
        checkLength(tensor, values.length);
        if (values.length > 0) {
            tensor.assign(Nd4j.create(values, tensor.shape(), 'c'));
        }
    }

    private static void checkLength(INDArray tensor, int length) {
        if (tensor.length() != length) {
            throw new IllegalArgumentException("values has " + length + " elements, tensor has " + tensor.length());
        }
    }
}
