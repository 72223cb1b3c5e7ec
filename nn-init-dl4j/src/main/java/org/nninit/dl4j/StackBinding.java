package org.nninit.dl4j;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A PyTorch parameter that DL4J keeps as separate arrays stacked along dimension 0, such as
 * MultiheadAttention's packed {@code in_proj_weight [3E, E]} over DL4J's {@code Wq}, {@code Wk}, {@code Wv}.
 * No single view exists; reads concatenate and writes split.
 */
final class StackBinding implements ParamBinding {

    private final String name;
    private final List<INDArray> parts;
    private final long[] shape;

    StackBinding(String name, List<INDArray> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
        long rows = 0;
        for (INDArray part : parts) {
            rows += part.size(0);
        }
        this.shape = parts.get(0).shape().clone();
        this.shape[0] = rows;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public DataType dataType() {
        return parts.get(0).dataType();
    }

    @Override
    public INDArray view() {
        return null;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public String caveat() {
        return name + " " + Arrays.toString(shape) + " is stored as " + parts.size()
                + " separate arrays; use read/assign/update on it, or param() on its parts";
    }

    @Override
    public INDArray read() {
        return Nd4j.concat(0, parts.stream().map(p -> p.dup('c')).toArray(INDArray[]::new));
    }

    @Override
    public void write(INDArray torchValues) {
        ParamBinding.requireShape(name, shape, torchValues);
        INDArray torch = torchValues.dup('c');   // rows are cut from a fresh copy (see ParamBinding)
        long row = 0;
        for (INDArray part : parts) {
            part.assign(torch.get(NDArrayIndex.interval(row, row + part.size(0)), NDArrayIndex.all()));
            row += part.size(0);
        }
    }
}
