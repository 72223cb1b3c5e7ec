package org.nninit.bench;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.recipes.Recipes;
import org.nninit.random.TorchGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whole-network initialisation of a ResNet-50-shaped {@link ComputationGraph} (25.6M parameters: bottleneck
 * blocks [3, 4, 6, 3] of 1x1/3x3/1x1 convolutions with batch norm and residual adds, 1000 classes).
 *
 * <ul>
 *   <li>{@code dl4jInit}: DL4J's own {@code init()} on a fresh graph (parameter allocation plus DL4J's
 *       weight init), the reference cost.</li>
 *   <li>{@code walkerResnetRecipe}: {@code Recipes.resnet(net, true, null)} through the module walker on an
 *       initialised graph: PyTorch's construction-time defaults for every layer (as building the torchvision
 *       model draws them), then conv weights kaiming_normal fan_out relu, batch-norm gamma 1 / beta 0 (0 for the
 *       last BN of each residual branch).</li>
 *   <li>{@code twoPassTorchExact} / {@code onePassTorchExact}: a fresh graph with PyTorch's exact initial weights
 *       (the recipe with a {@code TorchGenerator}), after DL4J's {@code init()} or in one pass through
 *       {@code NnInit.create}: the same values, bit for bit ({@code OnePassTest}). Compared with
 *       {@code torchvision.models.resnet50()} by {@code --torch}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NetworkBenchmark {

    private ComputationGraphConfiguration configuration;
    private ComputationGraph net;

    @Setup
    public void build() {
        configuration = resnet50();
        net = new ComputationGraph(configuration);
        net.init();
    }

    @Benchmark
    public ComputationGraph dl4jInit() {
        ComputationGraph fresh = new ComputationGraph(configuration);
        fresh.init();
        return fresh;
    }

    @Benchmark
    public ComputationGraph walkerResnetRecipe() {
        Recipes.resnet(net, true, null);
        return net;
    }

    /**
     * PyTorch's exact initial weights, the way it was done before {@code NnInit.create}: DL4J's {@code init()} on a
     * fresh graph, then the recipe with a TorchGenerator.
     */
    @Benchmark
    public ComputationGraph twoPassTorchExact() {
        ComputationGraph fresh = new ComputationGraph(configuration);
        fresh.init();
        Recipes.resnet(fresh, true, new TorchGenerator(0));
        return fresh;
    }

    /** The same values in one pass: {@code NnInit.create} skips DL4J's own initialization. */
    @Benchmark
    public ComputationGraph onePassTorchExact() {
        return NnInit.create(configuration, g -> Recipes.resnet(g, true, new TorchGenerator(0)));
    }

    /** ResNet-50 for 224x224x3 inputs, layer names {@code <block>_conv<i>} / {@code <block>_bn<i>}. */
    public static ComputationGraphConfiguration resnet50() {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(224, 224, 3));
        graph.addLayer("stem_conv", conv(7, 2, 64), "input")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem_conv")
                .addLayer("stem_relu", relu(), "stem_bn")
                .addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(3, 3).stride(2, 2).build(), "stem_relu");
        String previous = "stem_pool";
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < blocks.length; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                previous = bottleneck(graph, "s" + stage + "b" + block, previous, widths[stage], stride, block == 0);
            }
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(1000)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("fc");
        return graph.build();
    }

    /** 1x1 (width) - 3x3 (width, stride) - 1x1 (4 width), each with batch norm; projection shortcut when asked. */
    private static String bottleneck(ComputationGraphConfiguration.GraphBuilder graph, String name, String input,
                                     int width, int stride, boolean project) {
        graph.addLayer(name + "_conv1", conv(1, 1, width), input)
                .addLayer(name + "_bn1", new BatchNormalization.Builder().build(), name + "_conv1")
                .addLayer(name + "_relu1", relu(), name + "_bn1")
                .addLayer(name + "_conv2", conv(3, stride, width), name + "_relu1")
                .addLayer(name + "_bn2", new BatchNormalization.Builder().build(), name + "_conv2")
                .addLayer(name + "_relu2", relu(), name + "_bn2")
                .addLayer(name + "_conv3", conv(1, 1, 4 * width), name + "_relu2")
                .addLayer(name + "_bn3", new BatchNormalization.Builder().build(), name + "_conv3");
        String shortcut = input;
        if (project) {
            graph.addLayer(name + "_convp", conv(1, stride, 4 * width), input)
                    .addLayer(name + "_bnp", new BatchNormalization.Builder().build(), name + "_convp");
            shortcut = name + "_bnp";
        }
        graph.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_bn3", shortcut)
                .addLayer(name + "_out", relu(), name + "_add");
        return name + "_out";
    }

    private static ConvolutionLayer conv(int kernel, int stride, int out) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}
