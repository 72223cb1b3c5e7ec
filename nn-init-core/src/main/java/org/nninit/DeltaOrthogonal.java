package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nninit.random.Generator;

/**
 * JAX's {@code jax.nn.initializers.delta_orthogonal(scale, column_axis)} (Xiao et al., 2018): a convolution
 * kernel that is zero except at the spatial centre {@code (size - 1) / 2} of every kernel axis, where the
 * {@code [in, out]} matrix is {@link ColumnOrthogonal}{@code (scale, columnAxis)} of that matrix. As in JAX the
 * kernel must be 3-, 4- or 5-D and have {@code out >= in}. The centre is JAX's {@code (size - 1) / 2}, not
 * PyTorch's {@code size / 2} ({@link Dirac}); they differ for even kernel sizes.
 *
 * <p>JAX's kernels are {@code [k..., in, out]} ({@link FanLayout#KERAS}); the default layout here is
 * {@link FanLayout#TORCH} ({@code [out, in, k...]}), the layout of nn-init's arrays and of the DL4J adapters'
 * convolution views. The orthogonal matrix comes from nn-init's {@link Generator}: JAX's distribution, not
 * its random stream.
 *
 * <pre>{@code
 * new DeltaOrthogonal().fill(Nd4j.create(DataType.FLOAT, 64, 64, 3, 3));               // PyTorch-layout conv weight
 * new DeltaOrthogonal(1.0, -1, FanLayout.KERAS).fill(Nd4j.create(DataType.FLOAT, 3, 3, 16, 32));   // JAX's HWIO
 * }</pre>
 *
 * @param scale      the scale, finite
 * @param columnAxis the column axis of the {@code [in, out]} matrix: -1 or 1 (out), -2 or 0 (in)
 * @param layout     where the in and out axes are (one each, no batch axes); the others are the kernel's
 */
public record DeltaOrthogonal(double scale, int columnAxis, FanLayout layout) implements Initializer {

    /**
     * @throws IllegalArgumentException when scale is not finite, columnAxis is not one of -2..1, or the layout is
     *                                  not one in and one out axis
     */
    public DeltaOrthogonal {
        Checks.requireFinite("scale", scale);
        if (columnAxis < -2 || columnAxis > 1) {
            throw new IllegalArgumentException("columnAxis must be -2, -1, 0 or 1 (an axis of the [in, out] matrix), "
                    + "but found columnAxis=" + columnAxis);
        }
        if (layout == null || layout.inAxes().size() != 1 || layout.outAxes().size() != 1
                || !layout.batchAxes().isEmpty()) {
            throw new IllegalArgumentException("layout must have one in axis, one out axis and no batch axes, but "
                    + "found layout=" + layout);
        }
    }

    /** JAX's defaults (scale 1, column axis -1) on a PyTorch-layout kernel. */
    public DeltaOrthogonal() {
        this(1.0, -1, FanLayout.TORCH);
    }

    public DeltaOrthogonal scale(double scale) {
        return new DeltaOrthogonal(scale, columnAxis, layout);
    }

    public DeltaOrthogonal columnAxis(int columnAxis) {
        return new DeltaOrthogonal(scale, columnAxis, layout);
    }

    public DeltaOrthogonal layout(FanLayout layout) {
        return new DeltaOrthogonal(scale, columnAxis, layout);
    }

    /** @throws IllegalArgumentException when the array is not 3-, 4- or 5-D, or its out size is below its in size */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        long[] shape = tensor.shape();
        if (shape.length < 3 || shape.length > 5) {
            throw new IllegalArgumentException("Delta orthogonal initializer requires a 3D, 4D or 5D shape, but found "
                    + "shape " + Arrays.toString(shape));
        }
        int in = FanLayout.resolve("inAxes", layout.inAxes().get(0), shape);
        int out = FanLayout.resolve("outAxes", layout.outAxes().get(0), shape);
        if (in == out) {
            throw new IllegalArgumentException("the in and out axes must differ, but both are axis " + in + " (layout "
                    + layout + ")");
        }
        if (shape[out] < shape[in]) {
            throw new IllegalArgumentException("fan_in must be less or equal than fan_out, but found in=" + shape[in]
                    + ", out=" + shape[out] + " (shape " + Arrays.toString(shape) + ")");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        DataType computeType = tensor.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        INDArray matrix = new ColumnOrthogonal(scale, columnAxis)
                .fill(Nd4j.create(computeType, shape[in], shape[out]), generator);
        INDArray kernel = Nd4j.zeros(computeType, shape);
        INDArrayIndex[] centre = new INDArrayIndex[shape.length];
        for (int d = 0; d < shape.length; d++) {
            centre[d] = d == in || d == out ? NDArrayIndex.all() : NDArrayIndex.point((shape[d] - 1) / 2);
        }
        // the centre slice keeps the axes in their order: [in, out] or [out, in]
        kernel.get(centre).assign(in < out ? matrix : matrix.transpose());
        tensor.assign(kernel);
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
