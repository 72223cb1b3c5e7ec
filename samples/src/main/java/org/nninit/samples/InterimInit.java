package org.nninit.samples;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * Initializes DL4J parameters through torch-layout views until the module walker lands.
 *
 * <p>TODO(after merge of nn-init-dl4j walker): replace each call with
 * {@code NnInit.apply(net, m -> ...)} on {@code m.weight()} / {@code m.bias()}, or the matching recipe /
 * {@code TorchDefaults.reset(net, gen)}; the views handed out here are the same ones {@code Module} hands out.
 */
final class InterimInit {

    private InterimInit() {
    }

    /**
     * DL4J's Dense/Output weight "W" is [nIn, nOut] in 'f' order; its transpose is a view with torch's
     * [out, in] shape, so torch's fans apply. Convolution weights already have torch's shape.
     */
    static INDArray torchWeight(Layer layer) {
        INDArray w = layer.getParam("W");
        return w.rank() == 2 ? w.transpose() : w;
    }

    /** Applies {@code scheme} to every layer of {@code net} that has a weight "W". */
    static void apply(MultiLayerNetwork net, Scheme scheme, Generator gen) {
        for (Layer layer : net.getLayers()) {
            if (layer.paramTable().containsKey("W")) {
                scheme.apply(torchWeight(layer), layer.paramTable().get("b"), gen);
            }
        }
    }
}
