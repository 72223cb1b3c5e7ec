package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Init;

/**
 * {@code torch.nn.init.ones_(w)} as a DL4J weight init: every element 1.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(8).nOut(8).weightInit(new OnesInit()).build();
 * }</pre>
 */
public final class OnesInit extends TorchInit {

    public OnesInit() {
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.ones(torchView);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnesInit;
    }

    @Override
    public int hashCode() {
        return OnesInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "OnesInit()";
    }
}
