package org.nninit.samples;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.recipes.Recipes;
import org.nninit.dl4j.report.ExpectedStd;
import org.nninit.dl4j.report.InitReport;
import org.nninit.random.Generator;

/**
 * The transformer recipe ({@link Recipes#transformer}) on a small transformer-style DL4J network: token
 * embeddings, multi-head self-attention, mean pooling, a dense layer and a classifier. Embeddings get N(0, 0.02);
 * the attention projections ({@code in_proj_weight} as one packed [3E, E] tensor, as {@code nn.MultiheadAttention}
 * draws it), Dense and output weights get {@code xavier_uniform_}; biases 0. DL4J's attention layer ignores
 * IWeightInit (its projections take only the WeightInit enum), so the walker is the way to give it a PyTorch rule.
 * Task: does token 0 occur in a random sequence of 8 tokens?
 *
 * <p>Expect the report to show the signal shrinking after the N(0, 0.02) embedding: transformers rely on
 * LayerNorm after every block to restore unit scale, and DL4J has no standalone LayerNorm layer. Adam still
 * trains it.
 */
public final class TransformerRecipe {

    static final int VOCAB = 12;
    static final int LENGTH = 8;
    static final int D_MODEL = 32;
    static final int HEADS = 4;
    static final double EMBEDDING_STD = 0.02;
    /** xavier_uniform_ on the packed [3E, E] in-projection: sqrt(2 / (E + 3E)). */
    static final double IN_PROJECTION_STD = Math.sqrt(2.0 / (D_MODEL + 3 * D_MODEL));

    private TransformerRecipe() {
    }

    public static void main(String[] args) {
        RecipeConfig config = RecipeConfig.fromArgs(args,
                "TransformerRecipe: the transformer recipe on embeddings + self-attention + InitReport.", 40, 128);
        if (config != null) {
            run(config);
        }
    }

    public static RecipeResult run(RecipeConfig config) {
        MultiLayerNetwork net = network(config.seed());
        Nd4j.getRandom().setSeed(config.seed());
        Recipes.transformer(net, Generator.global());
        DataSet data = data(config.batch(), config.seed());
        if (config.print()) {
            System.out.println("\n== Transformer recipe: embeddings N(0, 0.02), projections xavier_uniform_, biases 0 ==");
        }
        InitReport report = InitReport.of(net, data.getFeatures(), data.getLabels(), TransformerRecipe::expectedStd);
        ReportOutput.emit(report, "transformer", config);
        double[] losses = new double[config.steps()];
        for (int s = 0; s < config.steps(); s++) {
            net.fit(data);
            losses[s] = net.score();
            ReportOutput.step(config, s + 1, losses[s]);
        }
        return new RecipeResult(report, losses);
    }

    private static ExpectedStd expectedStd(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof EmbeddingSequenceLayer) {
            return ExpectedStd.constant("N(0, 0.02)", EMBEDDING_STD);
        }
        if (layer instanceof SelfAttentionLayer) {
            return ExpectedStd.constant("xavier [3E,E]", IN_PROJECTION_STD);
        }
        return ExpectedStd.XAVIER;
    }

    static MultiLayerNetwork network(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(3e-3)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(D_MODEL).inputLength(LENGTH).build())
                .layer(new SelfAttentionLayer.Builder().nIn(D_MODEL).nOut(D_MODEL).nHeads(HEADS)
                        .headSize(D_MODEL / HEADS).projectInput(true).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new DenseLayer.Builder().nIn(D_MODEL).nOut(D_MODEL).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(D_MODEL).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** Token sequences [n, 1, LENGTH]; label 1 when token 0 occurs. */
    static DataSet data(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1, LENGTH);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            boolean has = false;
            for (int t = 0; t < LENGTH; t++) {
                int tok = r.nextInt(VOCAB);
                has |= tok == 0;
                x.putScalar(new long[] {i, 0, t}, tok);
            }
            y.putScalar(i, has ? 1 : 0, 1f);
        }
        return new DataSet(x, y);
    }
}
