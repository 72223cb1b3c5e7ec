package org.nninit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Test helper: an array's elements in row-major order, the order PyTorch lists a tensor of the same shape. */
public final class RowMajor {

    private RowMajor() {
    }

    public static double[] readDoubles(INDArray tensor) {
        return tensor.isEmpty() ? new double[0] : tensor.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    public static float[] readFloats(INDArray tensor) {
        return tensor.isEmpty() ? new float[0] : tensor.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }
}
