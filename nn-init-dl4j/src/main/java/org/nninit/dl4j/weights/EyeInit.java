package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Init;

/**
 * {@code torch.nn.init.eye_(w)} as a DL4J weight init: the identity on torch's {@code [out, in]} weight
 * (for a Dense layer that is DL4J's {@code W [nIn, nOut]} with ones at {@code W[i, i]}).
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(64).nOut(64).weightInit(new EyeInit()).build();
 * }</pre>
 *
 * <p>Only 2-D parameters are accepted, as in PyTorch; other shapes fail at {@code net.init()} with an
 * {@link IllegalArgumentException}.
 */
public final class EyeInit extends TorchInit {

    public EyeInit() {
    }

    @Override
    boolean indexes() {
        return true;
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.eye(torchView);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EyeInit;
    }

    @Override
    public int hashCode() {
        return EyeInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "EyeInit()";
    }
}
