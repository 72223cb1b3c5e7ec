package org.nninit.samples;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.recipes.Recipes;
import org.nninit.dl4j.report.ExpectedStd;
import org.nninit.dl4j.report.InitReport;
import org.nninit.random.Generator;

/**
 * torchvision's ResNet initialization on a small DL4J ResNet (a ComputationGraph: stem conv, two basic
 * residual blocks joined by {@link ElementWiseVertex} adds, global average pooling, a linear classifier), via
 * {@link Recipes#resnet(ComputationGraph, boolean, Generator)}: every layer's PyTorch default first, then
 * convolutions {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')}, batch norm weight 1 and bias 0,
 * the classifier keeps PyTorch's {@code nn.Linear} default. Prints the InitReport, then trains a few steps on
 * synthetic 8x8 images (which quadrant holds the bright square).
 */
public final class ResNetRecipe {

    private static final int CHANNELS = 16;
    private static final int SIZE = 8;

    private ResNetRecipe() {
    }

    public static void main(String[] args) {
        RecipeConfig config = RecipeConfig.fromArgs(args, "ResNetRecipe: torchvision's ResNet init + InitReport.",
                30, 64);
        if (config != null) {
            run(config);
        }
    }

    /** Builds, initializes, reports, trains. */
    public static RecipeResult run(RecipeConfig config) {
        ComputationGraph net = network(config.seed());
        Nd4j.getRandom().setSeed(config.seed());
        // zero_init_residual=False, torchvision's default: each block's last BN keeps weight 1
        Recipes.resnet(net, false, Generator.global());
        DataSet data = SyntheticData.quadrants(config.batch(), 3, SIZE, config.seed());
        if (config.print()) {
            System.out.println("\n== ResNet recipe (torchvision): conv kaiming_normal_(fan_out, relu), "
                    + "BN 1/0, Linear default ==");
        }
        InitReport report = InitReport.of(net, data.getFeatures(), data.getLabels(),
                conf -> conf instanceof ConvolutionLayer ? ExpectedStd.HE_FAN_OUT
                        : conf instanceof OutputLayer ? ExpectedStd.TORCH_DEFAULT : null);
        ReportOutput.emit(report, "resnet", config);
        double[] losses = new double[config.steps()];
        for (int s = 0; s < config.steps(); s++) {
            net.fit(data);
            losses[s] = net.score();
            ReportOutput.step(config, s + 1, losses[s]);
        }
        return new RecipeResult(report, losses);
    }

    static ComputationGraph network(long seed) {
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(SIZE, SIZE, 3))
                .addLayer("stem", conv(), "in")
                .addLayer("stem_bn", bn(), "stem")
                .addLayer("stem_relu", relu(), "stem_bn");
        String x = "stem_relu";
        for (int b = 1; b <= 2; b++) {
            String p = "block" + b + "_";
            g.addLayer(p + "conv1", conv(), x)
                    .addLayer(p + "bn1", bn(), p + "conv1")
                    .addLayer(p + "relu1", relu(), p + "bn1")
                    .addLayer(p + "conv2", conv(), p + "relu1")
                    .addLayer(p + "bn2", bn(), p + "conv2")
                    .addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn2", x)
                    .addLayer(p + "relu", relu(), p + "add");
            x = p + "relu";
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("fc");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv() {
        // torchvision's convs have bias=False
        return new ConvolutionLayer.Builder(3, 3).nOut(CHANNELS).hasBias(false)
                .activation(Activation.IDENTITY).build();
    }

    /** DL4J's BatchNormalization does not apply an activation, so every ReLU is its own layer. */
    private static BatchNormalization bn() {
        return new BatchNormalization.Builder().build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}
