package org.nninit.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An LSTM parameter ({@code [4H, X]} or {@code [4H]}) whose dimension-0 gate blocks DL4J keeps in the order
 * (g, f, o, i) (block input, forget, output, input gate: {@code LSTMHelpers}) where PyTorch keeps
 * (i, f, g, o). {@link #view()} is the DL4J-ordered view (fine for element-wise initializers); reads and
 * writes reorder the blocks.
 */
final class GateBinding implements ParamBinding {

    /** For PyTorch gate block t (i, f, g, o), the DL4J block holding it. */
    static final int[] DL4J_BLOCK_OF_TORCH_BLOCK = {3, 1, 0, 2};

    private final String name;
    private final INDArray dl4jOrdered;
    private final long hidden;

    GateBinding(String name, INDArray dl4jOrdered) {
        if (dl4jOrdered.size(0) % 4 != 0) {
            throw new IllegalStateException(name + " has " + dl4jOrdered.size(0) + " rows, not 4 gate blocks");
        }
        this.name = name;
        this.dl4jOrdered = dl4jOrdered;
        this.hidden = dl4jOrdered.size(0) / 4;
    }

    @Override
    public long[] shape() {
        return dl4jOrdered.shape();
    }

    @Override
    public DataType dataType() {
        return dl4jOrdered.dataType();
    }

    @Override
    public INDArray view() {
        return dl4jOrdered;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public String caveat() {
        return name + " is viewed in DL4J's gate order (g, f, o, i); PyTorch's is (i, f, g, o)";
    }

    // Blocks are cut from fresh copies only; the view is touched by whole-array dup/assign (see ParamBinding).
    @Override
    public INDArray read() {
        INDArray dl4j = dl4jOrdered.dup('c');
        INDArray out = Nd4j.create(dl4jOrdered.dataType(), dl4jOrdered.shape(), 'c');
        for (int t = 0; t < 4; t++) {
            block(out, t).assign(block(dl4j, DL4J_BLOCK_OF_TORCH_BLOCK[t]));
        }
        return out;
    }

    @Override
    public void write(INDArray torchValues) {
        ParamBinding.requireShape(name, shape(), torchValues);
        INDArray torch = torchValues.dup('c');
        INDArray dl4j = Nd4j.create(dl4jOrdered.dataType(), dl4jOrdered.shape(), 'c');
        for (int t = 0; t < 4; t++) {
            block(dl4j, DL4J_BLOCK_OF_TORCH_BLOCK[t]).assign(block(torch, t));
        }
        dl4jOrdered.assign(dl4j);
    }

    private INDArray block(INDArray array, int block) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        index[0] = NDArrayIndex.interval(block * hidden, (block + 1) * hidden);
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        return array.get(index);
    }
}
