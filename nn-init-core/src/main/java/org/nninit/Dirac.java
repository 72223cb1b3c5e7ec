package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.dirac_(t, groups=1)}: a Dirac delta at the kernel centre ({@code size / 2}) for channel
 * {@code d} of each group, so a convolution with these weights copies as many input channels as it can.
 * JAX's {@code delta_orthogonal} (centre {@code (size - 1) / 2}, an orthogonal matrix instead of the identity)
 * is {@link DeltaOrthogonal}.
 *
 * <pre>{@code
 * new Dirac(3).fill(Nd4j.create(DataType.FLOAT, 24, 8, 3, 3));   // nn.init.dirac_(w, groups=3)
 * }</pre>
 *
 * @param groups the number of groups, {@code >= 1}, dividing the tensor's dim 0
 */
public record Dirac(int groups) implements Initializer {

    /** @throws IllegalArgumentException when {@code groups < 1} */
    public Dirac {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be positive, but found groups=" + groups);
        }
    }

    /** One group, PyTorch's default. */
    public Dirac() {
        this(1);
    }

    public Dirac groups(int groups) {
        return new Dirac(groups);
    }

    /** @throws IllegalArgumentException when the array is not 3-, 4- or 5-D, or groups does not divide dim 0 */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        int rank = tensor.rank();
        if (rank < 3 || rank > 5) {
            throw new IllegalArgumentException("Only tensors with 3, 4, or 5 dimensions are supported (tensor rank "
                    + rank + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
        long[] shape = tensor.shape();
        if (shape[0] % groups != 0) {
            throw new IllegalArgumentException("dim 0 must be divisible by groups (dim 0 = " + shape[0]
                    + ", groups=" + groups + ")");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        tensor.assign(0);
        long outChannelsPerGroup = shape[0] / groups;
        long preserved = Math.min(outChannelsPerGroup, shape[1]);
        long[] index = new long[rank];
        for (int dim = 2; dim < rank; dim++) {
            index[dim] = shape[dim] / 2;
        }
        for (long group = 0; group < groups; group++) {
            for (long d = 0; d < preserved; d++) {
                index[0] = group * outChannelsPerGroup + d;
                index[1] = d;
                tensor.putScalar(index, 1.0);
            }
        }
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
