package org.nninit.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.Generator;

/**
 * A test generator replaying published PyTorch {@code torch.rand} outputs as its U[0,1) stream, mapped as
 * PyTorch's float {@code uniform_} maps them: {@code u * (to - from) + from} in float.
 */
final class ReplayGenerator implements Generator {

    private final double[] uniforms;
    private int next;

    ReplayGenerator(double... uniforms) {
        this.uniforms = uniforms.clone();
    }

    @Override
    public void fillUniform(INDArray tensor, double from, double to) {
        float f = (float) from;
        float range = (float) to - f;
        float[] values = new float[(int) tensor.length()];
        for (int k = 0; k < values.length; k++) {
            if (next >= uniforms.length) {
                throw new IllegalStateException("replay stream exhausted after " + uniforms.length + " draws");
            }
            values[k] = (float) uniforms[next++] * range + f;
        }
        tensor.assign(Nd4j.create(values, tensor.shape(), 'c'));
    }

    @Override
    public void fillNormal(INDArray tensor, double mean, double std) {
        throw new UnsupportedOperationException("the replayed stream holds uniforms only");
    }

    @Override
    public long[] randperm(int n) {
        throw new UnsupportedOperationException();
    }

    int used() {
        return next;
    }

    @Override
    public String toString() {
        return "ReplayGenerator" + Arrays.toString(uniforms);
    }
}
