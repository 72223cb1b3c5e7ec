package org.nninit.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNorm's {@code running_var} where DL4J stores {@code log10stdev = log10(sqrt(var))} (the Builder's
 * default, {@code useLogStd=true}). There is no view of the variance, so reads compute
 * {@code var = 10^(2 * log10stdev)} and writes store {@code log10stdev = log10(var) / 2}.
 */
final class Log10StdBinding implements ParamBinding {

    private static final double LN10 = Math.log(10);

    private final INDArray log10std;

    Log10StdBinding(INDArray log10std) {
        this.log10std = log10std;
    }

    @Override
    public long[] shape() {
        return log10std.shape();
    }

    @Override
    public DataType dataType() {
        return log10std.dataType();
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
        return "running_var has no view: this BatchNormalization stores log10(std) (useLogStd=true); read it with "
                + "read(\"running_var\"), write it with assign(\"running_var\", ...) or update(...), or use the raw "
                + "key \"log10stdev\"";
    }

    @Override
    public INDArray read() {
        return Transforms.exp(log10std.dup('c').muli(2 * LN10), false);
    }

    @Override
    public void write(INDArray torchValues) {
        check(torchValues);
        INDArray var = torchValues.castTo(DataType.DOUBLE).dup('c');
        log10std.assign(Transforms.log(var, false).divi(2 * LN10));
    }

    @Override
    public void check(INDArray torchValues) {
        ParamBinding.requireShape("running_var", shape(), torchValues);
        for (double v : torchValues.castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
            // !(v > 0) also catches NaN, which minNumber() would hide.
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("running_var must be finite and > 0 to be stored as log10(std), "
                        + "but found running_var element " + v);
            }
        }
    }
}
