package org.nninit.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One PyTorch parameter of a {@link TorchModule} and how it maps onto DL4J's storage. Most are plain views; a few
 * PyTorch tensors have no view in DL4J's buffer (LSTM gate order, BatchNorm's log10 std, a packed attention
 * in-projection, a separable convolution's depthwise weight) and are read and written by translation.
 *
 * <p>Implementations touch DL4J's views only with whole-array operations ({@code dup}, {@code assign}):
 * ND4J 1.0.0-M2.1's sub-array indexing ({@code get(...)}) on a view of the parameter buffer can return empty
 * or misplaced arrays once the sub-array's absolute offset passes the view's own buffer length (seen on an
 * LSTM's recurrent weight at offset 24: blocks 2 and 3 came back empty). Block work happens on fresh copies.
 */
interface ParamBinding {

    /** The PyTorch shape. */
    long[] shape();

    DataType dataType();

    /** A view whose writes land in the network's parameters, or {@code null} when none exists. */
    INDArray view();

    /**
     * Whether {@link #view()} is the PyTorch tensor element for element. False for a view that holds the
     * same values in another order (the LSTM gate blocks).
     */
    boolean exact();

    /** Why there is no exact view, for error messages; {@code null} when {@link #exact()}. */
    String caveat();

    /** A c-order copy in PyTorch layout (translated where DL4J stores something else). */
    INDArray read();

    /** Writes PyTorch-layout values (any memory order) into the network's parameters. */
    void write(INDArray torchValues);

    /** Throws what {@link #write} would throw for these values, writing nothing (for all-or-nothing loads). */
    default void check(INDArray torchValues) {
        requireShape("the parameter", shape(), torchValues);
    }

    static void requireShape(String name, long[] expected, INDArray values) {
        if (values == null || !Arrays.equals(expected, values.shape())) {
            throw new IllegalArgumentException("values for " + name + " must have PyTorch shape "
                    + Arrays.toString(expected) + ", but found "
                    + (values == null ? "null" : Arrays.toString(values.shape())));
        }
    }
}
