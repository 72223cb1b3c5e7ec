package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nninit.dl4j.recipes.PolicyTesting.assertMoments;
import static org.nninit.dl4j.recipes.PolicyTesting.assertNormal;
import static org.nninit.dl4j.recipes.PolicyTesting.assertRejected;
import static org.nninit.dl4j.recipes.PolicyTesting.values;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.dl4j.Nets;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.TorchGenerator;

/** {@link Fixup} on a residual MLP graph and a sequential network; thresholds in {@link PolicyTesting}. */
class FixupTest {

    private static final int W = 512;

    private static DenseLayer dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).biasInit(0.5).build();
    }

    /** stem -> [a1 -> b1] + stem -> [a2 -> b2] + ... -> bn -> out: two residual branches of two layers. */
    private static ComputationGraph residualMlp() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("stem", dense(64, W), "in")
                .addLayer("a1", dense(W, W), "stem")
                .addLayer("b1", dense(W, W), "a1")
                .addVertex("add1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem", "b1")
                .addLayer("a2", dense(W, W), "add1")
                .addLayer("b2", dense(W, W), "a2")
                .addVertex("add2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "add1", "b2")
                .addLayer("bn", new BatchNormalization.Builder().nIn(W).nOut(W).gamma(2).build(), "add2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(W).nOut(10)
                        .activation(Activation.IDENTITY).biasInit(0.5).build(), "bn")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    private static final List<List<String>> BRANCHES = List.of(List.of("a1", "b1"), List.of("a2", "b2"));

    private static Map<String, TorchModule> byName(List<TorchModule> modules) {
        return modules.stream().collect(Collectors.toMap(TorchModule::name, m -> m));
    }

    @Test
    void theScaleIsThePapersFormula() {
        assertThat(Fixup.scale(2, 2)).isEqualTo(Math.pow(2, -0.5));
        assertThat(Fixup.scale(16, 3)).isEqualTo(0.5);                    // 16^(-1/4)
        assertThat(Fixup.scale(54, 2)).isEqualTo(1 / Math.sqrt(54));      // ResNet-110: L = 54 BasicBlocks
        assertThat(Fixup.scale(1, 5)).isEqualTo(1.0);
    }

    @Test
    void branchLayersAreTheUnscaledDrawTimesTheScaleExactly() {
        ComputationGraph graph = residualMlp();
        INDArray bnBefore = byName(NnInit.modules(graph)).get("bn").weight().dup();
        PolicyReport report = Fixup.apply(graph, BRANCHES, new TorchGenerator(5));
        Map<String, TorchModule> m = byName(NnInit.modules(graph));
        double scale = Math.pow(2, -1.0 / (2 * 2 - 2));

        // the same seed, drawn by hand in module order: stem (He), a1 (He), a2 (He); b1, b2, out draw nothing
        TorchGenerator gen = new TorchGenerator(5);
        INDArray stem = he(new long[] {W, 64}, gen);
        INDArray a1 = he(new long[] {W, W}, gen);
        INDArray a2 = he(new long[] {W, W}, gen);
        assertThat(m.get("stem").read("weight")).as("stem: He, unscaled").isEqualTo(stem);
        for (Object[] c : new Object[][] {{"a1", a1}, {"a2", a2}}) {
            INDArray unscaled = (INDArray) c[1];
            INDArray actual = m.get((String) c[0]).read("weight");
            assertThat(actual).as("%s = unscaled * scale in float", c[0]).isEqualTo(unscaled.mul(scale));
            double[] u = values(unscaled);
            double[] a = values(actual);
            int off = 0;   // the ratio is the scale, to the one rounding of the float product
            for (int i = 0; i < u.length; i++) {
                off += Math.abs(a[i] - u[i] * scale) <= Math.ulp((float) a[i]) ? 0 : 1;
            }
            assertThat(off).as("%s elements further than 1 ulp from unscaled * scale", c[0]).isZero();
        }
        for (String zero : List.of("b1", "b2", "out")) {
            assertThat(values(m.get(zero).weight())).as("%s weight", zero).containsOnly(0);
            assertThat(m.get(zero).bias().toDoubleVector()).as("%s bias", zero).containsOnly(0);
        }
        for (String he : List.of("stem", "a1", "a2")) {
            assertThat(m.get(he).bias().toDoubleVector()).as("%s bias", he).containsOnly(0);
        }
        assertThat(m.get("bn").weight()).as("BatchNorm is not Fixup's").isEqualTo(bnBefore);

        double heStd = Math.sqrt(2.0 / W);   // kaiming_normal_(fan_out, relu): [512, 512], fan_out = 512
        assertThat(report.get("a1").std().get("weight")).isCloseTo(heStd * scale, within(1e-15));
        assertThat(report.get("stem").std().get("weight")).isCloseTo(heStd, within(1e-15));
        assertThat(report.get("b1").rule()).contains("last layer");
        assertThat(report.get("out").rule()).contains("classification");
        assertThat(report.get("a1").fan()).isEqualTo("fan_out");
        assertNormal("a1", values(m.get("a1").weight()), heStd * scale);
    }

    private static INDArray he(long[] shape, TorchGenerator gen) {
        return Init.kaimingNormal(Nd4j.create(DataType.FLOAT, shape), 0, FanMode.FAN_OUT, Nonlinearity.RELU, gen);
    }

    @Test
    void threeBranchesOfThreeOnASequentialNetwork() {
        MultiLayerNetwork net = Nets.mln(dense(32, 256), dense(256, 256), dense(256, 256), dense(256, 256),
                dense(256, 256), dense(256, 256), dense(256, 256), dense(256, 256), dense(256, 256), dense(256, 128),
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(128).nOut(3).activation(Activation.IDENTITY)
                        .build());
        List<List<String>> branches = List.of(List.of("layer1", "layer2", "layer3"), List.of("layer4", "layer5", "layer6"),
                List.of("layer7", "layer8", "layer9"));
        Fixup.apply(net, branches, null);
        Map<String, TorchModule> m = byName(NnInit.modules(net));
        double scale = Math.pow(3, -0.25);   // L = 3, m = 3: 3^(-1/(2*3-2))
        assertMoments("layer0 (stem)", values(m.get("layer0").weight()), Math.sqrt(2.0 / 256));
        for (String name : List.of("layer1", "layer2", "layer4", "layer5", "layer7", "layer8")) {
            assertMoments(name, values(m.get(name).weight()), Math.sqrt(2.0 / 256) * scale);
        }
        for (String name : List.of("layer3", "layer6", "layer9", "layer10")) {
            assertThat(values(m.get(name).weight())).as(name).containsOnly(0);
        }
    }

    @Test
    void badBranchesAreRejectedBeforeAnythingIsWritten() {
        ComputationGraph graph = residualMlp();
        INDArray p = graph.params();
        assertRejected(p, () -> Fixup.apply(graph, null, PolicyTesting.NO_DRAWS), "branches is null");
        assertRejected(p, () -> Fixup.apply(graph, List.of(), PolicyTesting.NO_DRAWS), "branches=[]");
        assertRejected(p, () -> Fixup.apply(graph, List.of(List.of("a1")), PolicyTesting.NO_DRAWS),
                "branches[0]", "at least 2", "[a1]");
        assertRejected(p, () -> Fixup.apply(graph, List.of(List.of("a1", "b1"), List.of("a2", "nope")),
                PolicyTesting.NO_DRAWS), "branches[1][1]=nope", "not a layer");
        assertRejected(p, () -> Fixup.apply(graph, List.of(List.of("a1", "b1"), List.of("b1", "b2")),
                PolicyTesting.NO_DRAWS), "branches[1][0]=b1", "more than one");
        assertRejected(p, () -> Fixup.apply(graph, List.of(List.of("a2", "bn")), PolicyTesting.NO_DRAWS),
                "branches[0][1]=bn", "BatchNormalization");
        assertRejected(p, () -> Fixup.apply(graph, List.of(List.of("b2", "out")), PolicyTesting.NO_DRAWS),
                "branches[0][1]=out", "classification");
        assertRejected(p, () -> Fixup.apply((ComputationGraph) null, BRANCHES, null), "net", "null");
        assertRejected(p, () -> Fixup.scale(0, 2), "branches=0");
        assertRejected(p, () -> Fixup.scale(2, 1), "layersPerBranch=1");
    }
}
