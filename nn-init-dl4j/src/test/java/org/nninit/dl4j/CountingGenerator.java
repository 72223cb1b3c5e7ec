package org.nninit.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.Generator;

/**
 * A test generator that makes draw order and layout visible: every call is recorded (kind, PyTorch shape,
 * parameters) and element k of the stream (row-major within each call) gets the value k + 1.
 */
final class CountingGenerator implements Generator {

    record Call(String kind, long[] shape, double p1, double p2) {
        @Override
        public String toString() {
            return kind + Arrays.toString(shape) + "(" + p1 + ", " + p2 + ")";
        }
    }

    final List<Call> calls = new ArrayList<>();
    private long next = 1;

    @Override
    public void fillUniform(INDArray tensor, double from, double to) {
        calls.add(new Call("uniform", tensor.shape(), from, to));
        fill(tensor);
    }

    @Override
    public void fillNormal(INDArray tensor, double mean, double std) {
        calls.add(new Call("normal", tensor.shape(), mean, std));
        fill(tensor);
    }

    @Override
    public long[] randperm(int n) {
        throw new UnsupportedOperationException("not used by module defaults");
    }

    private void fill(INDArray tensor) {
        double[] values = new double[(int) tensor.length()];
        for (int k = 0; k < values.length; k++) {
            values[k] = next++;
        }
        tensor.assign(Nd4j.create(values, tensor.shape(), 'c').castTo(tensor.dataType()));
    }
}
