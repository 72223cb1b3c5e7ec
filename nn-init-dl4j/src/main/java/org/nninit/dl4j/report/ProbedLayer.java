package org.nninit.dl4j.report;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer of a network together with what it received and produced on one forward pass (inference mode).
 *
 * @param index    MultiLayerNetwork index, or position in the graph's topological order
 * @param name     layer (vertex) name
 * @param layer    the runtime layer; its parameters are views into the network's parameters
 * @param input    the layer's input, after its input preprocessor
 * @param output   the layer's output (post-activation)
 * @param gradKeyPrefix prefix of this layer's entries in {@code net.gradient().gradientForVariable()}
 */
record ProbedLayer(int index, String name, Layer layer, INDArray input, INDArray output, String gradKeyPrefix) {

    org.deeplearning4j.nn.conf.layers.Layer conf() {
        return layer.conf().getLayer();
    }
}
