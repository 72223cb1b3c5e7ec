package org.nninit.samples;

import java.util.Locale;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.recipes.Recipes;
import org.nninit.dl4j.report.ExpectedStd;
import org.nninit.dl4j.report.InitReport;
import org.nninit.random.Generator;

/**
 * The DCGAN initialization (Radford et al., 2016; PyTorch's DCGAN example {@code weights_init}) on a small
 * generator (dense, two transposed convolutions, 16x16 output) and discriminator (two strided convolutions),
 * through {@link Recipes#dcgan(MultiLayerNetwork, Generator)}: conv and transposed-conv weights N(0, 0.02), batch
 * norm weight N(1, 0.02) and bias 0; the dense projection and the head get N(0, 0.02) too, as in most DCGAN ports
 * that use Linear layers. Prints the InitReport of
 * the stacked generator + discriminator, then alternates a few discriminator and generator steps on synthetic
 * images. The stacked network's discriminator layers have a no-op updater and take the discriminator's
 * weights before every generator step, the usual way to train a GAN with two DL4J networks.
 */
public final class GanRecipe {

    static final int Z = 16;
    static final int SIZE = 16;
    static final double STD = 0.02;
    /** Layers 0..GEN_LAYERS-1 of the stacked network are the generator. */
    static final int GEN_LAYERS = 7;

    private GanRecipe() {
    }

    public static void main(String[] args) {
        RecipeConfig config = RecipeConfig.fromArgs(args, "GanRecipe: DCGAN init + InitReport + a few GAN steps.",
                10, 32);
        if (config != null) {
            run(config);
        }
    }

    /** {@code losses} holds the generator's loss per step. */
    public static RecipeResult run(RecipeConfig config) {
        MultiLayerNetwork dis = new MultiLayerNetwork(conf(config.seed(), false, new Adam(2e-4, 0.5, 0.999, 1e-8)));
        dis.init();
        MultiLayerNetwork gan = new MultiLayerNetwork(conf(config.seed(), true, new Adam(2e-4, 0.5, 0.999, 1e-8)));
        gan.init();
        Nd4j.getRandom().setSeed(config.seed());
        Recipes.dcgan(gan, Generator.global());
        Recipes.dcgan(dis, Generator.global());
        copyDiscriminator(dis, gan);

        INDArray z = Nd4j.randn(DataType.FLOAT, config.batch(), Z);
        INDArray real = SyntheticData.quadrants(config.batch(), 1, SIZE, config.seed()).getFeatures();
        if (config.print()) {
            System.out.println("\n== DCGAN recipe: conv/deconv N(0, 0.02), BN weight N(1, 0.02), bias 0 ==");
        }
        InitReport report = InitReport.of(gan, z, Nd4j.ones(DataType.FLOAT, config.batch(), 1),
                conf -> conf instanceof ConvolutionLayer || conf instanceof DenseLayer || conf instanceof OutputLayer
                        ? ExpectedStd.constant("N(0, 0.02)", STD) : null);
        ReportOutput.emit(report, "dcgan", config);

        double[] losses = new double[config.steps()];
        int n = config.batch();
        for (int s = 0; s < config.steps(); s++) {
            INDArray fake = gan.feedForwardToLayer(GEN_LAYERS - 1, Nd4j.randn(DataType.FLOAT, n, Z)).get(GEN_LAYERS);
            INDArray x = Nd4j.vstack(real, fake);
            INDArray y = Nd4j.vstack(Nd4j.ones(DataType.FLOAT, n, 1), Nd4j.zeros(DataType.FLOAT, n, 1));
            dis.fit(x, y);
            double dLoss = dis.score();
            copyDiscriminator(dis, gan);
            gan.fit(Nd4j.randn(DataType.FLOAT, n, Z), Nd4j.ones(DataType.FLOAT, n, 1));
            losses[s] = gan.score();
            if (config.print()) {
                System.out.printf(Locale.ROOT, "  step %3d  D loss %.4f  G loss %.4f%n", s + 1, dLoss, losses[s]);
            }
        }
        return new RecipeResult(report, losses);
    }

    private static void copyDiscriminator(MultiLayerNetwork dis, MultiLayerNetwork gan) {
        for (int i = 0; i < dis.getnLayers(); i++) {
            if (dis.getLayer(i).numParams() > 0) {
                gan.getLayer(GEN_LAYERS + i).params().assign(dis.getLayer(i).params());
            }
        }
    }

    /** The discriminator alone, or the generator stacked on it (discriminator frozen by a no-op updater). */
    static org.deeplearning4j.nn.conf.MultiLayerConfiguration conf(long seed, boolean withGenerator,
                                                                  IUpdater updater) {
        IUpdater dUpdater = withGenerator ? new NoOp() : updater;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(updater).convolutionMode(ConvolutionMode.Truncate).list();
        int i = 0;
        if (withGenerator) {
            b.layer(i++, new DenseLayer.Builder().nIn(Z).nOut(32 * 4 * 4).activation(Activation.IDENTITY).build())
                    .layer(i++, new BatchNormalization.Builder().nOut(32 * 4 * 4).build())
                    .layer(i++, new ActivationLayer.Builder().activation(Activation.RELU).build())
                    .inputPreProcessor(i, new FeedForwardToCnnPreProcessor(4, 4, 32))
                    .layer(i++, new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(32).nOut(16)
                            .activation(Activation.IDENTITY).build())
                    .layer(i++, new BatchNormalization.Builder().nIn(16).nOut(16).build())
                    .layer(i++, new ActivationLayer.Builder().activation(Activation.RELU).build())
                    .layer(i++, new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(16).nOut(1)
                            .activation(Activation.TANH).build());
        }
        b.layer(i++, new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(1).nOut(16)
                        .activation(new ActivationLReLU(0.2)).updater(dUpdater).build())
                .layer(i++, new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(16).nOut(32)
                        .activation(Activation.IDENTITY).updater(dUpdater).build())
                .layer(i++, new BatchNormalization.Builder().nIn(32).nOut(32).updater(dUpdater).build())
                .layer(i++, new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build())
                .inputPreProcessor(i, new CnnToFeedForwardPreProcessor(4, 4, 32))
                .layer(i, new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(32 * 4 * 4).nOut(1)
                        .activation(Activation.SIGMOID).updater(dUpdater).build());
        return b.build();
    }
}
