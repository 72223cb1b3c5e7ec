package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nninit.dl4j.recipes.PolicyTesting.assertMoments;
import static org.nninit.dl4j.recipes.PolicyTesting.assertNormal;
import static org.nninit.dl4j.recipes.PolicyTesting.assertRejected;
import static org.nninit.dl4j.recipes.PolicyTesting.ksP;
import static org.nninit.dl4j.recipes.PolicyTesting.truncatedCdf;
import static org.nninit.dl4j.recipes.PolicyTesting.values;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.Nets;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.TorchGenerator;

/** {@link DepthScaled}: GPT-2 and torchtitan, on real networks; thresholds in {@link PolicyTesting}. */
class DepthScaledTest {

    private static final int E = 64;

    private static Map<String, TorchModule> byName(List<TorchModule> modules) {
        return modules.stream().collect(Collectors.toMap(TorchModule::name, m -> m));
    }

    /** embedding, then two blocks (attention, fc, proj), then a 512-wide readout. */
    private static MultiLayerNetwork transformer() {
        return Nets.mln(new EmbeddingSequenceLayer.Builder().name("wte").nIn(1000).nOut(E).build(),
                attention("attn0"), dense("fc0", E, 4 * E), dense("proj0", 4 * E, E),
                attention("attn1"), dense("fc1", E, 4 * E), dense("proj1", 4 * E, E),
                dense("wide", E, 512), dense("wide_proj", 512, 512),
                new BatchNormalization.Builder().name("norm").nIn(512).nOut(512).gamma(2).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("head").nIn(512).nOut(512)
                        .activation(Activation.IDENTITY).biasInit(0.5).build());
    }

    private static SelfAttentionLayer attention(String name) {
        return new SelfAttentionLayer.Builder().name(name).nIn(E).nOut(E).nHeads(4).headSize(16).projectInput(true)
                .build();
    }

    private static DenseLayer dense(String name, int in, int out) {
        return new DenseLayer.Builder().name(name).nIn(in).nOut(out).activation(Activation.GELU).biasInit(0.5).build();
    }

    @Test
    void theStdsAreTheFormulas() {
        assertThat(DepthScaled.gpt2Std(12)).isEqualTo(0.02 / Math.sqrt(24));
        assertThat(DepthScaled.torchtitanStd(0, 8, true)).isEqualTo(0.02 / Math.sqrt(2));
        assertThat(DepthScaled.torchtitanStd(3, 8, true)).isEqualTo(0.02 / Math.sqrt(8));
        assertThat(DepthScaled.torchtitanStd(3, 8, false)).isEqualTo(0.02 / Math.sqrt(16));
    }

    @Test
    void gpt2OnAMultiLayerNetwork() {
        MultiLayerNetwork net = transformer();
        INDArray normBefore = byName(NnInit.modules(net)).get("norm").weight().dup();
        int nLayer = 2;
        PolicyReport report = DepthScaled.gpt2(net, List.of("attn0", "proj0", "attn1", "proj1", "wide_proj"), nLayer,
                new TorchGenerator(4));
        Map<String, TorchModule> m = byName(NnInit.modules(net));
        double scaled = 0.02 / Math.sqrt(2 * nLayer);
        assertMoments("wte", values(m.get("wte").weight()), 0.02);
        for (String attn : List.of("attn0", "attn1")) {
            assertMoments(attn + " q/k/v", values(m.get(attn).read("in_proj_weight")), 0.02);
            assertMoments(attn + " out_proj", values(m.get(attn).param("out_proj.weight")), scaled);
            assertThat(report.get(attn).std()).containsEntry("out_proj.weight", scaled);
        }
        for (String fc : List.of("fc0", "fc1", "wide")) {
            assertMoments(fc, values(m.get(fc).weight()), 0.02);
        }
        assertMoments("proj0", values(m.get("proj0").weight()), scaled);
        assertNormal("wide_proj", values(m.get("wide_proj").weight()), scaled);
        assertNormal("head", values(m.get("head").weight()), 0.02);
        for (String linear : List.of("fc0", "proj0", "wide_proj", "head")) {
            assertThat(m.get(linear).bias().toDoubleVector()).as("%s bias", linear).containsOnly(0);
        }
        assertThat(report.get("proj1").std().get("weight")).isEqualTo(scaled);
        assertThat(report.get("fc1").std().get("weight")).isEqualTo(0.02);
        assertThat(m.get("norm").weight()).isEqualTo(normBefore);
        assertThat(report.get("norm").changed()).isFalse();
    }

    @Test
    void torchtitanDepthInitOnAGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("b0_w1", dense("b0_w1", 512, 512), "in")
                .addLayer("b0_w2", dense("b0_w2", 512, 512), "b0_w1")
                .addLayer("b1_w1", dense("b1_w1", 512, 512), "b0_w2")
                .addLayer("b1_w2", dense("b1_w2", 512, 512), "b1_w1")
                .addLayer("b2_w2", dense("b2_w2", 512, 512), "b1_w2")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(512).nOut(512)
                        .activation(Activation.IDENTITY).build(), "b2_w2")
                .setOutputs("output").build());
        graph.init();
        List<List<String>> blocks = List.of(List.of("b0_w2"), List.of("b1_w2"), List.of("b2_w2"));
        PolicyReport report = DepthScaled.torchtitan(graph, blocks, true, null);
        Map<String, TorchModule> m = byName(NnInit.modules(graph));
        // depth_init: block layer_id gets 0.02 / sqrt(2 * (layer_id + 1))
        assertNormal("b0_w2", values(m.get("b0_w2").weight()), 0.02 / Math.sqrt(2));
        assertNormal("b1_w2", values(m.get("b1_w2").weight()), 0.02 / Math.sqrt(4));
        assertNormal("b2_w2", values(m.get("b2_w2").weight()), 0.02 / Math.sqrt(6));
        assertNormal("b0_w1", values(m.get("b0_w1").weight()), 0.02);
        assertThat(report.get("b1_w2").std().get("weight")).isEqualTo(0.02 / Math.sqrt(4));
        assertThat(report.get("b1_w2").rule()).contains("layer_id=1");

        // output: trunc_normal_(std = d^-0.5, a = -3 std, b = 3 std), d = 512
        double std = Math.pow(512, -0.5);
        double[] out = values(m.get("output").weight());
        assertThat(m.get("output").weight().amaxNumber().doubleValue()).isLessThanOrEqualTo(3 * std)
                .isGreaterThan(2.9 * std);
        assertThat(ksP(out, truncatedCdf(std, 3 * std))).as("output KS").isGreaterThan(PolicyTesting.MIN_P);
        assertThat(ksP(out, truncatedCdf(1.05 * std, 3 * std))).as("output against 5%% wider")
                .isLessThan(PolicyTesting.MAX_P_WIDER);
        assertThat(m.get("output").bias().toDoubleVector()).containsOnly(0);

        DepthScaled.torchtitan(graph, blocks, false, null);   // without depth_init: 0.02 / sqrt(2 * n_layers)
        assertNormal("b0_w2 (no depth_init)", values(m.get("b0_w2").weight()), 0.02 / Math.sqrt(6));
    }

    @Test
    void gpt2OnAGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(6)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("c_fc", dense("c_fc", 128, 512), "in")
                .addLayer("c_proj", dense("c_proj", 512, 512), "c_fc")
                .addLayer("lm_head", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(512).nOut(16)
                        .activation(Activation.IDENTITY).build(), "c_proj")
                .setOutputs("lm_head").build());
        graph.init();
        PolicyReport report = DepthScaled.gpt2(graph, List.of("c_proj"), 12, null);
        Map<String, TorchModule> m = byName(NnInit.modules(graph));
        assertNormal("c_proj", values(m.get("c_proj").weight()), 0.02 / Math.sqrt(24));
        assertMoments("c_fc", values(m.get("c_fc").weight()), 0.02);
        assertThat(report.get("c_proj").rule()).isEqualTo("normal_(std=0.02/sqrt(2*12))");
        assertThat(m.get("c_proj").bias().toDoubleVector()).containsOnly(0);
    }

    @Test
    void torchtitanEmbeddingsAreStandardNormal() {
        MultiLayerNetwork net = transformer();
        DepthScaled.torchtitan(net, List.of(List.of("attn0", "proj0"), List.of("attn1", "proj1")), false, null);
        Map<String, TorchModule> m = byName(NnInit.modules(net));
        assertMoments("wte", values(m.get("wte").weight()), 1.0);
        assertMoments("attn1 out_proj", values(m.get("attn1").param("out_proj.weight")), 0.02 / Math.sqrt(4));
        assertMoments("attn1 q/k/v", values(m.get("attn1").read("in_proj_weight")), 0.02);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        MultiLayerNetwork net = transformer();
        INDArray p = net.params();
        var none = PolicyTesting.NO_DRAWS;
        assertRejected(p, () -> DepthScaled.gpt2(net, List.of("proj0"), 0, none), "nLayer=0");
        assertRejected(p, () -> DepthScaled.gpt2(net, List.of("proj0", "proj9"), 2, none),
                "residualProjections[1]=proj9", "not a layer");
        assertRejected(p, () -> DepthScaled.gpt2(net, List.of("norm"), 2, none), "residualProjections[0]=norm",
                "BatchNormalization");
        assertRejected(p, () -> DepthScaled.gpt2(net, null, 2, none), "residualProjections is null");
        assertRejected(p, () -> DepthScaled.gpt2((MultiLayerNetwork) null, List.of(), 2, none), "net", "null");
        assertRejected(p, () -> DepthScaled.torchtitan(net, List.of(), true, none), "blockProjections=[]");
        assertRejected(p, () -> DepthScaled.torchtitan(net, List.of(List.of("proj0"), List.of("proj0")), true, none),
                "blockProjections[1][0]=proj0", "more than one");
        assertRejected(p, () -> DepthScaled.torchtitan(net, List.of(List.of("head")), true, none),
                "blockProjections[0][0]=head");
        assertRejected(p, () -> DepthScaled.torchtitan(net, List.of(List.of("x")), true, none),
                "blockProjections[0][0]=x");
        assertRejected(p, () -> DepthScaled.torchtitanStd(2, 2, true), "layerId=2");
    }
}
