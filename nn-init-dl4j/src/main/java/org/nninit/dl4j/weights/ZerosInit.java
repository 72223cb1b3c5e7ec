package org.nninit.dl4j.weights;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Init;

/**
 * {@code torch.nn.init.zeros_(w)} as a DL4J weight init: every element 0.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(8).nOut(8).weightInit(new ZerosInit()).build();
 * }</pre>
 */
public final class ZerosInit extends TorchInit {

    public ZerosInit() {
    }

    @Override
    void fill(INDArray torchView, double fanIn, double fanOut) {
        Init.zeros(torchView);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZerosInit;
    }

    @Override
    public int hashCode() {
        return ZerosInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "ZerosInit()";
    }
}
