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
 *   kept). Depthwise {@code [kH,kW,nIn,dm]}, Separable
 *   {@code [dm,nIn,kH,kW]} and Deconvolution3D {@code [kD,kH,kW,out,in]} cannot be told apart from a plain
 *   convolution by shape; their torch layouts need the walker ({@code org.nninit.dl4j.NnInit}).</li>
 *   <li>Convolution1DLayer: DL4J declares {@code W [out,in,k,1]}, but its forward pass reads the buffer as a
 *   row-major {@code [k,in,out]} (measured by forward pass: buffer element {@code (t*in + i)*out + o} carries
 *   input channel {@code i} to output channel {@code o} at tap {@code t}); the tensor is that buffer permuted to
 *   {@code [out,in,k]}. An adapter recognises the layer by DL4J's Conv1D fan-in, {@code in*k*k}, for
 *   {@code k > 1}; with {@code k = 1} it cannot be told from a 1x1 Convolution2D, which only matters for the
 *   functions that index rows (orthogonal, sparse): use the walker there. One other layer has the same signature:
 *   a Deconvolution2D with a {@code (k, 1)} kernel and {@code nIn = nOut*k}; use the walker for it.</li>
 * </ul>
 *
 * <p>This is the one place that guesses a layout from a shape, because an adapter is not told its layer. Where the
 * layer is known, the layer catalogue ({@code org.nninit.dl4j.LayerKind}) decides: the walker, {@code
 * TorchDefaults} and {@code StateDict} bind parameters by layer kind, and the catalogue's Conv1D binding uses
 * {@link #conv1dWeight} too, so the Conv1D fact lives here once.
 */
public final class TorchLayout {

    private TorchLayout() {
    }

    /** A view of {@code paramView} in PyTorch layout; writes land in the network's parameters. */
    static INDArray view(long[] shape, char order, double fanIn, INDArray paramView) {
        if (shape.length == 2 && order == 'f') {
            return paramView.reshape('c', new long[] {shape[1], shape[0]});
        }
        INDArray given = paramView.reshape(order, shape);
        boolean conv1d = shape.length == 4 && order == 'c' && shape[3] == 1 && shape[2] > 1
                && fanIn == (double) shape[1] * shape[2] * shape[2];
        return conv1d ? conv1dWeight(given) : given;
    }

    /**
     * Convolution1DLayer's {@code W} (declared {@code [out,in,k,1]}, c-order, default strides) as Conv1d's
     * {@code [out,in,k]} weight: a view, writes land in {@code w}.
     */
    public static INDArray conv1dWeight(INDArray w) {
        return w.reshape('c', new long[] {w.size(2), w.size(1), w.size(0)}).permute(2, 1, 0);
    }
}
