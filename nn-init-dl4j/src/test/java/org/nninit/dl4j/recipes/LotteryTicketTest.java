package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nninit.dl4j.recipes.PolicyTesting.assertNormal;
import static org.nninit.dl4j.recipes.PolicyTesting.assertRejected;
import static org.nninit.dl4j.recipes.PolicyTesting.values;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
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
import org.nninit.Init;
import org.nninit.dl4j.Nets;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.TorchGenerator;

/**
 * {@link LotteryTicket}: the explainer's kaiming + rand_like mask + rescale. The kept count of n weights is
 * Binomial(n, keep): it must lie within 6 standard deviations √(n·keep·(1-keep)) of n·keep (a correct mask
 * fails with probability about 2e-9); thresholds of the KS tests in {@link PolicyTesting}.
 */
class LotteryTicketTest {

    private static MultiLayerNetwork net() {
        return Nets.mln(new DenseLayer.Builder().nIn(512).nOut(512).activation(Activation.RELU).biasInit(0.5).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(512).nOut(8).activation(Activation.IDENTITY)
                        .build());
    }

    @Test
    void maskAndRescaleAreTheExplainersWithTheSameSeed() {
        double keep = 0.3;
        MultiLayerNetwork net = net();
        PolicyReport report = LotteryTicket.apply(net, keep, new TorchGenerator(3));
        List<TorchModule> ms = NnInit.modules(net);

        // by hand, as the explainer: kaiming_normal_(w); mask = rand_like(w) > sparsity; w *= mask; w /= keep
        TorchGenerator gen = new TorchGenerator(3);
        float sparsity = (float) (1 - keep);   // PyTorch compares a float tensor with a scalar in float
        for (int layer = 0; layer < 2; layer++) {
            TorchModule m = ms.get(layer);
            INDArray w = Init.kaimingNormal(Nd4j.create(DataType.FLOAT, m.shape("weight")), gen);
            INDArray u = Init.uniform(Nd4j.create(DataType.FLOAT, m.shape("weight")), 0, 1, gen);
            float[] draw = w.data().asFloat();
            float[] mask = u.data().asFloat();
            float[] actual = m.read("weight").data().asFloat();
            long kept = 0;
            for (int i = 0; i < draw.length; i++) {
                float expected = mask[i] > sparsity ? draw[i] / (float) keep : 0f;
                if (actual[i] != expected) {
                    throw new AssertionError("layer " + layer + " element " + i + ": " + actual[i] + " != " + expected);
                }
                kept += mask[i] > sparsity ? 1 : 0;
            }
            long n = draw.length;
            long nonzero = Arrays.stream(values(m.read("weight"))).filter(v -> v != 0).count();
            assertThat(nonzero).isEqualTo(kept);
            assertThat((double) kept).as("kept of %d", n).isCloseTo(n * keep, within(6 * Math.sqrt(n * keep * (1 - keep))));
        }
        assertThat(ms.get(0).bias().toDoubleVector()).as("biases are left as they were").containsOnly(0.5);
        double std = Math.sqrt(2.0 / 512);
        assertThat(report.get("layer0").std().get("weight")).isCloseTo(std / Math.sqrt(keep), within(1e-15));
        // the kept weights are the kaiming draws divided by keep: N(0, std/keep)
        double[] kept = Arrays.stream(values(ms.get(0).weight())).filter(v -> v != 0).toArray();
        PolicyTesting.assertMoments("kept weights", kept, std / keep);
    }

    @Test
    void keptWeightsFollowTheScaledNormalOnAGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(8).build(), "in")
                .addLayer("fc", new DenseLayer.Builder().nIn(1024).nOut(1024).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1024).nOut(2)
                        .activation(Activation.IDENTITY).build(), "fc")
                .setOutputs("out", "conv").build());
        graph.init();
        INDArray convBefore = NnInit.modules(graph).get(0).weight().dup();
        double keep = 0.5;
        PolicyReport report = LotteryTicket.apply(graph, keep, null);
        double[] w = values(NnInit.modules(graph).get(1).weight());
        double[] kept = Arrays.stream(w).filter(v -> v != 0).toArray();
        int n = w.length;
        assertThat((double) kept.length).isCloseTo(n * keep, within(6 * Math.sqrt(n * keep * (1 - keep))));
        assertNormal("kept fc weights", kept, Math.sqrt(2.0 / 1024) / keep);
        assertThat(NnInit.modules(graph).get(0).weight()).as("convolutions are not Linears").isEqualTo(convBefore);
        assertThat(report.get("conv").changed()).isFalse();
        assertThat(report.get("out").changed()).isTrue();
    }

    @Test
    void keepOneIsPlainKaiming() {
        MultiLayerNetwork net = net();
        LotteryTicket.apply(net, 1.0, new TorchGenerator(9));
        TorchGenerator gen = new TorchGenerator(9);
        INDArray w = Init.kaimingNormal(Nd4j.create(DataType.FLOAT, 512, 512), gen);
        assertThat(NnInit.modules(net).get(0).read("weight")).isEqualTo(w);
    }

    @Test
    void keepOutsideZeroOneIsRejected() {
        MultiLayerNetwork net = net();
        for (double keep : new double[] {0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected(net.params(), () -> LotteryTicket.apply(net, keep, PolicyTesting.NO_DRAWS), "keep=" + keep);
        }
        assertRejected(net.params(), () -> LotteryTicket.apply((MultiLayerNetwork) null, 0.5, null), "net", "null");
    }
}
