package org.nninit.dl4j;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/** Small real networks for tests. */
public final class Nets {

    private Nets() {
    }

    /** An initialized residual block: conv-bn-relu-conv-bn + (conv-bn shortcut) -> add -> relu -> pool -> output. */
    public static ComputationGraph residualGraph(boolean convBias, int mid, int out) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(mid).hasBias(convBias).build(), "in")
                .addLayer("b1", new BatchNormalization.Builder().build(), "c1")
                .addLayer("r1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "b1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(out).hasBias(convBias).build(), "r1")
                .addLayer("b2", new BatchNormalization.Builder().build(), "c2")
                .addLayer("sc", new ConvolutionLayer.Builder(1, 1).nOut(out).hasBias(convBias).build(), "in")
                .addLayer("bsc", new BatchNormalization.Builder().build(), "sc")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b2", "bsc")
                .addLayer("r2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("pool", new GlobalPoolingLayer.Builder().build(), "r2")
                .addLayer("out", new OutputLayer.Builder().nOut(3).lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.convolutional(6, 6, 4)).build());
        graph.init();
        return graph;
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
