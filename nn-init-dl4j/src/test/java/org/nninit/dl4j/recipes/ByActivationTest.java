package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nninit.dl4j.recipes.PolicyTesting.assertMoments;
import static org.nninit.dl4j.recipes.PolicyTesting.assertNormal;
import static org.nninit.dl4j.recipes.PolicyTesting.assertRejected;
import static org.nninit.dl4j.recipes.PolicyTesting.ksP;
import static org.nninit.dl4j.recipes.PolicyTesting.uniformCdf;
import static org.nninit.dl4j.recipes.PolicyTesting.values;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
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

/** {@link ByActivation}: each activation's rule, on real networks; thresholds in {@link PolicyTesting}. */
class ByActivationTest {

    private static DenseLayer dense(String name, int in, int out, Activation act) {
        return new DenseLayer.Builder().name(name).nIn(in).nOut(out).activation(act).biasInit(0.5).build();
    }

    private static MultiLayerNetwork everyActivation() {
        return Nets.mln(dense("relu", 512, 512, Activation.RELU),
                new DenseLayer.Builder().name("leaky").nIn(512).nOut(256).activation(new ActivationLReLU(0.2))
                        .biasInit(0.5).build(),
                dense("leaky_default", 256, 256, Activation.LEAKYRELU),
                dense("tanh", 256, 256, Activation.TANH),
                dense("sigmoid", 256, 512, Activation.SIGMOID),
                dense("selu", 512, 256, Activation.SELU),
                dense("gelu", 256, 256, Activation.GELU),
                dense("swish", 256, 256, Activation.SWISH),
                new BatchNormalization.Builder().name("bn").nIn(256).nOut(256).gamma(2).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).biasInit(0.5).build());
    }

    private static Map<String, TorchModule> byName(List<TorchModule> modules) {
        return modules.stream().collect(Collectors.toMap(TorchModule::name, m -> m));
    }

    @Test
    void everyRuleOnAMultiLayerNetwork() {
        MultiLayerNetwork net = everyActivation();
        INDArray bnBefore = NnInit.modules(net).get(8).weight().dup();
        PolicyReport report = ByActivation.apply(net, new TorchGenerator(1));
        Map<String, TorchModule> m = byName(NnInit.modules(net));

        // the formulas, from the fans: Dense(in, out) is PyTorch's weight [out, in], fan_in = in
        Map<String, Double> std = Map.of(
                "relu", Math.sqrt(2.0 / 512),
                "leaky", Math.sqrt(2.0 / (1 + 0.2 * 0.2)) / Math.sqrt(512),
                "leaky_default", Math.sqrt(2.0 / (1 + 0.01 * 0.01)) / Math.sqrt(256),
                "tanh", 5.0 / 3 * Math.sqrt(2.0 / (256 + 256)),
                "sigmoid", Math.sqrt(2.0 / (256 + 512)),
                "selu", 1 / Math.sqrt(512),
                "gelu", Math.sqrt(2.0 / 256),
                "swish", Math.sqrt(2.0 / 256),
                "out", Math.sqrt(2.0 / (256 + 10)));
        for (Map.Entry<String, Double> e : std.entrySet()) {
            LayerInit entry = report.get(e.getKey());
            assertThat(entry.std().get("weight")).as("reported std of %s", e.getKey())
                    .isCloseTo(e.getValue(), org.assertj.core.api.Assertions.within(1e-15));
            assertThat(entry.std().get("bias")).isZero();
            assertThat(m.get(e.getKey()).bias().toDoubleVector()).as("bias of %s", e.getKey()).containsOnly(0);
            if (!e.getKey().equals("sigmoid") && !e.getKey().equals("out")) {
                assertMoments(e.getKey(), values(m.get(e.getKey()).weight()), e.getValue());
            }
        }
        assertThat(report.get("relu").rule()).isEqualTo("kaiming_normal_(mode='fan_in', nonlinearity='relu')");
        assertThat(report.get("leaky").rule()).contains("a=0.2", "leaky_relu");
        assertThat(report.get("leaky").gain()).isEqualTo(Math.sqrt(2.0 / (1 + 0.04)));
        assertThat(report.get("tanh").gain()).isEqualTo(5.0 / 3);
        assertThat(report.get("tanh").rule()).startsWith("xavier_normal_");
        assertThat(report.get("selu").rule()).contains("nonlinearity='linear'", "LeCun");
        assertThat(report.get("selu").gain()).isEqualTo(1.0);
        assertThat(report.get("gelu").rule()).contains("relu", "approximation");
        assertThat(report.get("sigmoid").rule()).startsWith("xavier_uniform_");
        assertThat(report.get("relu").fan()).isEqualTo("fan_in");
        assertThat(report.get("tanh").fan()).isEqualTo("fan_in+fan_out");
        assertThat(report.get("bn").changed()).isFalse();
        assertThat(m.get("bn").weight()).isEqualTo(bnBefore);
        assertThat(report.layers()).hasSize(10);
        assertThat(report.toString()).contains("relu", "kaiming_normal_", "unchanged");

        // uniform rules: every value inside the bound, the bound reached, KS against U(-bound, bound)
        for (String name : List.of("sigmoid", "out")) {
            double bound = Math.sqrt(3) * std.get(name);
            double[] w = values(m.get(name).weight());
            assertThat(m.get(name).weight().amaxNumber().doubleValue()).isLessThanOrEqualTo(bound)
                    .isGreaterThan(0.99 * bound);
            assertThat(ksP(w, uniformCdf(bound))).as("%s KS", name).isGreaterThan(PolicyTesting.MIN_P);
        }
        assertThat(ksP(values(m.get("sigmoid").weight()), uniformCdf(1.05 * Math.sqrt(3) * std.get("sigmoid"))))
                .as("sigmoid against a 5%% wider uniform").isLessThan(PolicyTesting.MAX_P_WIDER);
        assertNormal("relu", values(m.get("relu").weight()), std.get("relu"));
    }

    @Test
    void theFirstLayerIsPyTorchsKaimingNormalWithTheSameSeed() {
        MultiLayerNetwork net = everyActivation();
        ByActivation.apply(net, new TorchGenerator(7));
        INDArray expected = Nd4j.create(DataType.FLOAT, 512, 512);   // nn.Linear(512, 512).weight, contiguous
        Init.kaimingNormal(expected, 0, FanMode.FAN_IN, Nonlinearity.RELU, new TorchGenerator(7));
        assertThat(NnInit.modules(net).get(0).read("weight")).isEqualTo(expected);
    }

    @Test
    void convolutionsAndAGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nIn(128).nOut(256).activation(Activation.RELU)
                        .biasInit(0.5).build(), "in")
                .addLayer("dense", new DenseLayer.Builder().nIn(64).nOut(32).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(4)
                        .activation(Activation.IDENTITY).build(), "dense")
                .setOutputs("out", "conv").build());
        graph.init();
        PolicyReport report = ByActivation.apply(graph, null);
        Map<String, TorchModule> m = byName(NnInit.modules(graph));
        double convStd = Math.sqrt(2.0 / (128 * 9));   // weight [256, 128, 3, 3]: fan_in = 128·9
        assertThat(report.get("conv").std().get("weight")).isCloseTo(convStd, org.assertj.core.api.Assertions.within(1e-15));
        assertNormal("conv", values(m.get("conv").weight()), convStd);
        assertThat(m.get("conv").bias().toDoubleVector()).containsOnly(0);
        assertMoments("dense", values(m.get("dense").weight()), 5.0 / 3 * Math.sqrt(2.0 / 96));
        assertThat(report.get("out").rule()).isEqualTo("xavier_uniform_(gain=1)");
        assertThat(report.layers()).extracting(LayerInit::name).containsExactly("conv", "dense", "out");
    }

    @Test
    void anActivationWithoutARuleIsRejectedBeforeAnythingIsWritten() {
        MultiLayerNetwork net = Nets.mln(dense("fine", 16, 16, Activation.RELU), dense("elu", 16, 16, Activation.ELU));
        assertRejected(net.params(), () -> ByActivation.apply(net, PolicyTesting.NO_DRAWS), "layer elu", "activation=elu",
                "no rule");
        assertRejected(net.params(), () -> ByActivation.apply((MultiLayerNetwork) null, null), "net", "null");
        assertRejected(net.params(), () -> ByActivation.apply((ComputationGraph) null, null), "net", "null");
    }
}
