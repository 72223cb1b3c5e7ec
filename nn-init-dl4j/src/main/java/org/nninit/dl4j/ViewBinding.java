package org.nninit.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameter whose PyTorch elements, read row-major, are a view of DL4J's buffer read row-major. The view's
 * shape is PyTorch's, or PyTorch's with one dimension split where strides cannot merge it (then the binding
 * is not {@link #exact()}, but reads and writes are).
 */
final class ViewBinding implements ParamBinding {

    private final String name;
    private final INDArray view;
    private final long[] shape;

    ViewBinding(String name, INDArray view, long[] torchShape) {
        if (view.length() != Arrays.stream(torchShape).reduce(1, (x, y) -> x * y)) {
            throw new IllegalStateException("view " + Arrays.toString(view.shape()) + " cannot hold " + name + " "
                    + Arrays.toString(torchShape));
        }
        this.name = name;
        this.view = view;
        this.shape = torchShape.clone();
    }

    ViewBinding(String name, INDArray view) {
        this(name, view, view.shape());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public DataType dataType() {
        return view.dataType();
    }

    @Override
    public INDArray view() {
        return exact() ? view : null;
    }

    @Override
    public boolean exact() {
        return Arrays.equals(view.shape(), shape);
    }

    @Override
    public String caveat() {
        return exact() ? null : name + " " + Arrays.toString(shape) + " is stored as " + Arrays.toString(view.shape())
                + " with strides that cannot be merged into one view";
    }

    @Override
    public INDArray read() {
        return view.dup('c').reshape('c', shape);
    }

    @Override
    public void write(INDArray torchValues) {
        ParamBinding.requireShape(name, shape, torchValues);
        view.assign(exact() ? torchValues : torchValues.dup('c').reshape('c', view.shape()));
    }
}
