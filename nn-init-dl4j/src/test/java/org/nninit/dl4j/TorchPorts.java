package org.nninit.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J ports of the PyTorch models in {@code tools/torch-reference}, written line by line, for the parity tests. */
public final class TorchPorts {

    private TorchPorts() {
    }

    /** nn.Sequential(Linear(8, 64), Unflatten, ConvTranspose2d(16, 8, 4, 2, 1, bias=False), BatchNorm2d(8), ReLU,
     * ConvTranspose2d(8, 3, 4, 2, 1), Tanh), layers named by their Sequential index. */
    public static MultiLayerNetwork dcganGenerator() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(64).activation(Activation.IDENTITY).name("0").build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(16).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).name("2").build())
                .layer(new BatchNormalization.Builder().nOut(8).eps(1e-5).name("3").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("4").build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(8).nOut(3)
                        .activation(Activation.TANH).name("5").build())
                .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(2, 2, 16))
                .build());
        net.init();
        return net;
    }

    /**
     * Embedding(50, 16), nn.LSTM(16, 32, num_layers=2) as two DL4J LSTM layers, decoder Linear(32, 50). The LSTMs
     * say tanh: DL4J's default activation is sigmoid, nn.LSTM's cell activation tanh.
     */
    public static MultiLayerNetwork languageModel() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(50).nOut(16).hasBias(false).name("embedding").build())
                .layer(new LSTM.Builder().nIn(16).nOut(32).activation(Activation.TANH).name("lstm_l0").build())
                .layer(new LSTM.Builder().nIn(32).nOut(32).activation(Activation.TANH).name("lstm_l1").build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(50)
                        .activation(Activation.IDENTITY).name("decoder").build())
                .build());
        net.init();
        return net;
    }


    /**
     * statedict.py's TinyResNet: conv1 (3->8, k3 s2 p1) bn1 relu conv2 (8->8, k3 p1) bn2, shortcut down.0 (1x1 s2)
     * down.1, add, relu, global average pool, fc Linear(8, 4); vertices added in the module's registration order.
     */
    public static org.deeplearning4j.nn.graph.ComputationGraph tinyResNet() {
        var g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("conv1", conv(3, 2, 1), "in")
                .addLayer("bn1", new BatchNormalization.Builder().eps(1e-5).build(), "conv1")
                .addLayer("relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("conv2", conv(3, 1, 1), "relu1")
                .addLayer("bn2", new BatchNormalization.Builder().eps(1e-5).build(), "conv2")
                .addLayer("down.0", conv(1, 2, 0), "in")
                .addLayer("down.1", new BatchNormalization.Builder().eps(1e-5).build(), "down.0")
                .addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "bn2", "down.1")
                .addLayer("relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("pool", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), "relu2")
                .addLayer("fc", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(4)
                        .activation(Activation.IDENTITY).lossFunction(LossFunctions.LossFunction.MSE).build(), "pool")
                .setOutputs("fc")
                .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(6, 6, 3))
                .build();
        var net = new org.deeplearning4j.nn.graph.ComputationGraph(g);
        net.init();
        return net;
    }

    private static org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv(int k, int stride, int pad) {
        return new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(k, k).stride(stride, stride)
                .padding(pad, pad).nOut(8).hasBias(false).activation(Activation.IDENTITY).build();
    }
}
