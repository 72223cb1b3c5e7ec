package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * JAX's {@code jax.nn.initializers.orthogonal(scale, column_axis)} and Keras's
 * {@code keras.initializers.Orthogonal(gain)} ({@link #keras(double)}: {@code column_axis = -1}): the tensor is
 * flattened to {@code [rows, cols]} with {@code cols = shape[columnAxis]} and {@code rows = numel / cols} (the
 * other axes in order), filled with a Haar-distributed matrix with orthonormal rows or columns (whichever are
 * fewer) times {@code scale}, and the column axis moved back into place. Keras's flattening is
 * {@code rows = prod(shape[:-1])}, {@code cols = shape[-1]}; PyTorch's ({@link Orthogonal}) is
 * {@code rows = shape[0]}, {@code cols = numel / rows}.
 *
 * <p>The matrix is a normal draw from nn-init's {@link Generator} through LAPACK's QR with the signs of R's
 * diagonal folded in, as JAX and Keras do: the same distribution, not their random streams.
 *
 * <pre>{@code
 * ColumnOrthogonal.keras(1.0).fill(Nd4j.create(DataType.FLOAT, 3, 3, 16, 32));   // columns: the 32 outputs
 * new ColumnOrthogonal(1.0, 0).fill(w);                                          // jax orthogonal(column_axis=0)
 * }</pre>
 *
 * @param scale      the scale, finite
 * @param columnAxis the axis whose entries are the matrix's columns (negative: from the end)
 */
public record ColumnOrthogonal(double scale, int columnAxis) implements Initializer {

    /** @throws IllegalArgumentException when scale is not finite */
    public ColumnOrthogonal {
        Checks.requireFinite("scale", scale);
    }

    /** JAX's defaults: scale 1, the last axis holds the columns. */
    public ColumnOrthogonal() {
        this(1.0, -1);
    }

    /** Keras's {@code Orthogonal(gain)}: the last axis holds the columns. */
    public static ColumnOrthogonal keras(double gain) {
        return new ColumnOrthogonal(gain, -1);
    }

    public ColumnOrthogonal scale(double scale) {
        return new ColumnOrthogonal(scale, columnAxis);
    }

    public ColumnOrthogonal columnAxis(int columnAxis) {
        return new ColumnOrthogonal(scale, columnAxis);
    }

    /**
     * @throws IllegalArgumentException when the array has fewer than 2 dimensions or the column axis is out of
     *                                  range
     */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        long[] shape = tensor.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("orthogonal initializer requires at least a 2D shape, but found shape "
                    + Arrays.toString(shape));
        }
        int axis = FanLayout.resolve("columnAxis", columnAxis, shape);
        if (tensor.isEmpty()) {
            return tensor;
        }
        long cols = shape[axis];
        long rows = tensor.length() / cols;
        DataType computeType = tensor.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        INDArray matrix = Orthogonal.matrix(rows, cols, computeType, scale, generator);
        // [other axes..., cols] in row-major order, then the column axis moved to where it belongs
        long[] flatShape = new long[shape.length];
        int[] permutation = new int[shape.length];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d != axis) {
                flatShape[k++] = shape[d];
            }
            permutation[d] = d < axis ? d : d == axis ? shape.length - 1 : d - 1;
        }
        flatShape[shape.length - 1] = cols;
        tensor.assign(matrix.reshape('c', flatShape).permute(permutation));
        return tensor;
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public boolean structured() {
        return true;
    }
}
