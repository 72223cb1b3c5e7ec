package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.dl4j.TorchModule;
import org.nninit.dl4j.Nets;
import org.nninit.dl4j.NnInit;

/**
 * Recipes produce their documented statistics. Tolerances are six standard errors: the sample mean of n iid
 * values with std s has SE s/sqrt(n); the sample std has relative SE about 1/sqrt(2n) for a normal
 * (0.45/sqrt(n) for a uniform, bounded by the normal's), so a correct recipe fails with probability ~1e-9,
 * while a wrong fan (a factor of 2 or more here) or a wrong constant fails every time.
 */
class RecipesTest {

    private static void assertMoments(String what, INDArray values, double mean, double std) {
        long n = values.length();
        double sd = values.stdNumber().doubleValue();
        assertThat(values.meanNumber().doubleValue()).as("%s mean (n=%d)", what, n)
                .isCloseTo(mean, within(6 * std / Math.sqrt(n)));
        assertThat(sd).as("%s std (n=%d)", what, n).isCloseTo(std, within(6 * std / Math.sqrt(2.0 * n)));
    }

    private static Map<String, TorchModule> byName(ComputationGraph graph) {
        return NnInit.modules(graph).stream().collect(Collectors.toMap(TorchModule::name, m -> m));
    }

    @Test
    void resnetOnResidualGraph() {
        ComputationGraph graph = Nets.residualGraph(true, 32, 64);
        assertThat(Recipes.residualBranchEnds(graph.getConfiguration())).containsExactly("b2");
        Recipes.resnet(graph, true, null);
        Map<String, TorchModule> m = byName(graph);
        // kaiming_normal_(fan_out, relu): std = sqrt(2 / (out * k * k)); c2 [64, 32, 3, 3] has 18432 values
        assertMoments("c2 weight", m.get("c2").weight(), 0, Math.sqrt(2.0 / (64 * 9)));
        assertMoments("c1 weight", m.get("c1").weight(), 0, Math.sqrt(2.0 / (32 * 9)));
        assertMoments("sc weight", m.get("sc").weight(), 0, Math.sqrt(2.0 / 64));
        assertThat(m.get("c2").bias().toDoubleVector()).containsOnly(0);
        assertThat(m.get("b2").weight().toDoubleVector()).as("last BN of the residual branch").containsOnly(0);
        assertThat(m.get("b1").weight().toDoubleVector()).containsOnly(1);
        assertThat(m.get("bsc").weight().toDoubleVector()).as("shortcut BN").containsOnly(1);
        for (String bn : new String[] {"b1", "b2", "bsc"}) {
            assertThat(m.get(bn).bias().toDoubleVector()).containsOnly(0);
            assertThat(m.get(bn).read("running_var").toDoubleVector()).containsOnly(1);
        }
        // the output layer keeps nn.Linear's default: U(+-1/sqrt(64))
        double bound = 1 / Math.sqrt(64);
        INDArray out = m.get("out").weight();
        assertThat(out.amaxNumber().doubleValue()).isLessThanOrEqualTo(bound);
        assertMoments("out weight", out, 0, bound / Math.sqrt(3));
    }

    @Test
    void resnetWithoutZeroInitKeepsEveryGammaAtOne() {
        ComputationGraph graph = Nets.residualGraph(false, 8, 16);
        Recipes.resnet(graph, false, null);
        assertThat(byName(graph).get("b2").weight().toDoubleVector()).containsOnly(1);
        assertThat(byName(graph).get("c2").bias()).isNull();
    }

    @Test
    void resnetOnSequentialNetwork() {
        MultiLayerNetwork net = Nets.mln(new ConvolutionLayer.Builder(3, 3).nIn(16).nOut(64).build(),
                new BatchNormalization.Builder().nIn(64).nOut(64).gamma(3).build());
        Recipes.resnet(net, null);
        assertMoments("conv", NnInit.modules(net).get(0).weight(), 0, Math.sqrt(2.0 / (64 * 9)));
        assertThat(NnInit.modules(net).get(1).weight().toDoubleVector()).containsOnly(1);
    }

    @Test
    void transformerRecipe() {
        int e = 64;
        MultiLayerNetwork net = Nets.mln(new EmbeddingSequenceLayer.Builder().nIn(1000).nOut(e).build(),
                new SelfAttentionLayer.Builder().nIn(e).nOut(e).nHeads(4).headSize(16).projectInput(true).build(),
                new DenseLayer.Builder().nIn(e).nOut(4 * e).hasLayerNorm(true).biasInit(0.5).build(),
                new BatchNormalization.Builder().nIn(4 * e).nOut(4 * e).gamma(2).beta(1).build());
        Recipes.transformer(net, null);
        var ms = NnInit.modules(net);
        assertMoments("embedding", ms.get(0).weight(), 0, 0.02);
        double inBound = Math.sqrt(6.0 / (e + 3 * e));   // packed [3E, E], as nn.MultiheadAttention
        INDArray in = ms.get(1).read("in_proj_weight");
        assertThat(in.amaxNumber().doubleValue()).isLessThanOrEqualTo(inBound).isGreaterThan(0.99 * inBound);
        assertMoments("in_proj", in, 0, inBound / Math.sqrt(3));
        double outBound = Math.sqrt(6.0 / (2 * e));
        assertMoments("out_proj", ms.get(1).param("out_proj.weight"), 0, outBound / Math.sqrt(3));
        double denseBound = Math.sqrt(6.0 / (e + 4 * e));
        assertMoments("dense", ms.get(2).weight(), 0, denseBound / Math.sqrt(3));
        assertThat(ms.get(2).bias().toDoubleVector()).containsOnly(0);
        assertThat(ms.get(2).param("layer_norm.weight").toDoubleVector()).containsOnly(1);
        assertThat(ms.get(3).weight().toDoubleVector()).containsOnly(1);
        assertThat(ms.get(3).bias().toDoubleVector()).containsOnly(0);
    }

    @Test
    void dcganRecipe() {
        MultiLayerNetwork net = Nets.mln(new ConvolutionLayer.Builder(4, 4).nIn(3).nOut(64).biasInit(1).build(),
                new Deconvolution2D.Builder(4, 4).nIn(64).nOut(32).build(),
                new BatchNormalization.Builder().nIn(32).nOut(2048).build(),
                new DenseLayer.Builder().nIn(2048).nOut(16).biasInit(1).build());
        Recipes.dcgan(net, null);
        var ms = NnInit.modules(net);
        assertMoments("conv", ms.get(0).weight(), 0, 0.02);
        assertMoments("deconv", ms.get(1).weight(), 0, 0.02);
        // the seed's init_gan leaves Linear layers and convolution biases as constructed: PyTorch's defaults
        assertMoments("dense", ms.get(3).weight(), 0, 1 / Math.sqrt(3 * 2048));
        double convBiasBound = 1 / Math.sqrt(3 * 4 * 4);
        assertThat(ms.get(0).bias().amaxNumber().doubleValue()).isLessThan(convBiasBound).isGreaterThan(0);
        assertThat(ms.get(3).bias().amaxNumber().doubleValue()).isLessThan(1 / Math.sqrt(2048)).isGreaterThan(0);
        assertMoments("bn gamma", ms.get(2).weight(), 1, 0.02);
        assertThat(ms.get(2).bias().toDoubleVector()).containsOnly(0);
    }
}
