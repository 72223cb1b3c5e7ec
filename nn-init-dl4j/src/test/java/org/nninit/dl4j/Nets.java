package org.nninit.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/** Small real networks for tests. */
public final class Nets {

    private Nets() {
    }

    /** An initialized FLOAT MultiLayerNetwork of {@code layers}, seed 42. */
    public static MultiLayerNetwork mln(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
