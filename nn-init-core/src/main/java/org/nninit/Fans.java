package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fan-in and fan-out of a weight shape, as PyTorch's {@code _calculate_fan_in_and_fan_out}.
 *
 * <p>For a shape {@code [d0, d1, k...]}: {@code fanIn = d1 * prod(k)}, {@code fanOut = d0 * prod(k)}. The
 * shape is read in PyTorch's layout ({@code [out, in, k...]} for Linear and Conv). PyTorch's quirk is kept on
 * purpose: a transposed convolution weight {@code [in, out/groups, k...]} gets its fan-in from dimension 1,
 * which is its output channel count.
 *
 * <pre>{@code
 * Fans fans = Fans.of(new long[] {64, 3, 7, 7});   // fanIn = 147, fanOut = 3136
 * }</pre>
 *
 * @param fanIn  number of inputs feeding one output unit
 * @param fanOut number of outputs one input unit feeds
 */
public record Fans(long fanIn, long fanOut) {

    /**
     * Fans of a shape in PyTorch layout.
     *
     * @throws IllegalArgumentException when the shape has fewer than 2 dimensions
     */
    public static Fans of(long[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must be an array shape, but found shape=null");
        }
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("shape must not have negative sizes, but found shape="
                        + Arrays.toString(shape));
            }
        }
        if (shape.length < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 "
                    + "dimensions (shape " + Arrays.toString(shape) + ")");
        }
        try {
            long receptiveFieldSize = 1;
            for (int dim = 2; dim < shape.length; dim++) {
                receptiveFieldSize = Math.multiplyExact(receptiveFieldSize, shape[dim]);
            }
            return new Fans(Math.multiplyExact(shape[1], receptiveFieldSize),
                    Math.multiplyExact(shape[0], receptiveFieldSize));
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("shape's fans overflow a long, shape=" + Arrays.toString(shape));
        }
    }

    /** Fans of the array's shape, read as a PyTorch tensor shape. */
    public static Fans of(INDArray tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("tensor must be an array, but found tensor=null");
        }
        return of(tensor.shape());
    }
}
