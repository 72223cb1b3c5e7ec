package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How an adapter sees DL4J's parameter as the PyTorch tensor it stands for, from the shape and order DL4J
 * passes (an {@code IWeightInit} is not told which layer it serves).
 *
 * <ul>
 *   <li>{@code 'f'} rank 2 {@code [a, b]} (Dense/Output {@code W [nIn,nOut]}, LSTM/SimpleRnn {@code W} and
 *   {@code RW}): the tensor is {@code [b, a]}, torch's {@code [out, in]}. DL4J's f-order {@code [in, out]} buffer
 *   is byte-identical to a row-major {@code [out, in]}, so a c-order reshape of the flat view is that tensor and
 *   per-row functions (orthogonal, sparse, eye) act on torch's rows. Embedding's {@code [vocab, dim]} has the same
 *   shape and order and is read the same way, which swaps its two fans: use the walker for Embedding.</li>
 *   <li>everything else: the shape as given, in the given order. Conv {@code [out,in,k...]} and
 *   Deconvolution2D {@code [in,out,k...]} are torch's own layouts (the transposed-convolution fan quirk is
 *   kept); Conv1D's {@code [out,in,k,1]} has Conv1d's fans. Depthwise {@code [kH,kW,nIn,dm]}, Separable
 *   {@code [dm,nIn,kH,kW]} and Deconvolution3D {@code [kD,kH,kW,out,in]} cannot be told apart from a plain
 *   convolution by shape; their torch layouts need the walker ({@code org.nninit.dl4j.NnInit}).</li>
 * </ul>
 */
final class TorchLayout {

    private TorchLayout() {
    }

    /** A view of {@code paramView} in PyTorch layout; writes land in the network's parameters. */
    static INDArray view(long[] shape, char order, INDArray paramView) {
        if (shape.length == 2 && order == 'f') {
            return paramView.reshape('c', new long[] {shape[1], shape[0]});
        }
        return paramView.reshape(order, shape);
    }
}
