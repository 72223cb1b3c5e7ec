package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;
import org.nninit.random.TorchGenerator;

/** PyTorch's reset_parameters(), draw by draw, per equivalent module. */
class TorchDefaultsTest {

    /** Each call as "kind[shape]" plus its symmetric bound (or mean, std), compared to 1e-12. */
    private static void assertCalls(CountingGenerator gen, Object... kindShapeThenBound) {
        assertThat(gen.calls).hasSize(kindShapeThenBound.length / 2);
        for (int c = 0; c < gen.calls.size(); c++) {
            CountingGenerator.Call call = gen.calls.get(c);
            assertThat(call.kind() + java.util.Arrays.toString(call.shape())).as("call %d", c)
                    .isEqualTo(kindShapeThenBound[2 * c]);
            double bound = ((Number) kindShapeThenBound[2 * c + 1]).doubleValue();
            if (call.kind().equals("uniform")) {
                assertThat(call.p1()).as("call %d from", c).isCloseTo(-bound, within(1e-12));
                assertThat(call.p2()).as("call %d to", c).isCloseTo(bound, within(1e-12));
            } else {
                assertThat(call.p2()).as("call %d std", c).isCloseTo(bound, within(1e-12));
            }
        }
    }

    @Test
    void denseStackDrawsWeightThenBiasPerLinearInLayerOrder() {
        MultiLayerNetwork net = Nets.mln(new DenseLayer.Builder().nIn(3).nOut(2).build(),
                new DenseLayer.Builder().nIn(2).nOut(4).build());
        CountingGenerator gen = new CountingGenerator();
        TorchDefaults.reset(net, gen);
        double b1 = 1 / Math.sqrt(3);
        double b2 = 1 / Math.sqrt(2);
        assertCalls(gen, "uniform[2, 3]", b1, "uniform[2]", b1, "uniform[4, 2]", b2, "uniform[4]", b2);
        // torch weight [out, in] row-major = 1..6 lands transposed in DL4J's W [in, out]
        INDArray w = net.getLayer(0).getParam("W");
        assertThat(w.getDouble(0, 0)).isEqualTo(1.0);
        assertThat(w.getDouble(2, 0)).isEqualTo(3.0);
        assertThat(w.getDouble(0, 1)).isEqualTo(4.0);
        assertThat(net.getLayer(0).getParam("b").toDoubleVector()).containsExactly(7, 8);
        assertThat(net.getLayer(1).getParam("W").getDouble(1, 3)).isEqualTo(8 + 3 * 2 + 2.0);
    }

    /** seed 0: {@code torch.rand(2, 3)} from the public reference file. */
    private static double[] seed0Rand2x3() throws Exception {
        String json;
        try (var in = TorchDefaultsTest.class.getResourceAsStream("/torch-public-values.json")) {
            assertThat(in).as("test resource torch-public-values.json").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\"seed\":\\s*0,\\s*\"call\":\\s*\"torch.rand\\(2, 3\\)\".*?\"values\":\\s*\\[([^]]*)]")
                .matcher(json);
        assertThat(m.find()).as("reference case present").isTrue();
        return Pattern.compile(",").splitAsStream(m.group(1)).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    /**
     * {@code torch.manual_seed(0); nn.Linear(3, 2, bias=False).weight} is {@code u * 2b - b} with u the first six
     * uniforms of seed 0 and b = 1/sqrt(3); that weight must land as DL4J's W [3, 2].
     */
    private static void assertLinear3x2FromSeed0(MultiLayerNetwork net, double[] u, double tolerance) {
        double b = 1 / Math.sqrt(3);
        INDArray w = net.getLayer(0).getParam("W");
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                assertThat(w.getDouble(i, o)).as("torch weight[%d][%d]", o, i)
                        .isCloseTo(u[o * 3 + i] * 2 * b - b, within(tolerance));
            }
        }
    }

    private static MultiLayerNetwork linear3x2NoBias() {
        return Nets.mln(new DenseLayer.Builder().nIn(3).nOut(2).hasBias(false).build());
    }

    @Test
    void denseMatchesValuesBuiltFromPublishedTorchOutputs() throws Exception {
        double[] u = seed0Rand2x3();
        MultiLayerNetwork net = linear3x2NoBias();
        ReplayGenerator gen = new ReplayGenerator(u);
        TorchDefaults.reset(net, gen);
        assertThat(gen.used()).isEqualTo(6);
        assertLinear3x2FromSeed0(net, u, 1e-6);
    }

    /**
     * {@code TorchGenerator(0)} draws {@code torch.manual_seed(0)}'s uniforms; the reference values are printed
     * to 4 decimals, so |diff| <= 5e-5 per uniform.
     */
    @Test
    void torchGeneratorParityWithPublishedOutputs() throws Exception {
        Generator torch = new TorchGenerator(0);
        MultiLayerNetwork net = linear3x2NoBias();
        TorchDefaults.reset(net, torch);
        assertLinear3x2FromSeed0(net, seed0Rand2x3(), 5e-5 * 2 / Math.sqrt(3) + 1e-7);
    }

    @Test
    void lstmDrawsInRegistrationOrderAndSumsTheTwoBiases() {
        int h = 3;
        MultiLayerNetwork net = Nets.mln(new LSTM.Builder().nIn(2).nOut(h).build());
        CountingGenerator gen = new CountingGenerator();   // RW sits at offset 24: deep-view indexing is exercised
        TorchDefaults.reset(net, gen);
        double b = 1 / Math.sqrt(h);
        assertCalls(gen, "uniform[12, 2]", b, "uniform[12, 3]", b, "uniform[12]", b, "uniform[12]", b);
        TorchModule m = NnInit.modules(net).get(0);
        // weight_ih = 1..24, weight_hh = 25..60, bias_ih = 61..72, bias_hh = 73..84 in torch's (i, f, g, o) order
        INDArray wih = m.read("weight_ih");
        assertThat(wih.getDouble(0, 0)).isEqualTo(1.0);
        assertThat(wih.getDouble(11, 1)).isEqualTo(24.0);
        assertThat(m.read("weight_hh").getDouble(0, 0)).isEqualTo(25.0);
        INDArray bias = m.read("bias");
        for (int k = 0; k < 12; k++) {
            assertThat(bias.getDouble(k)).isEqualTo(61 + k + 73 + k);
        }
        // torch's input gate i (rows 0..2) is DL4J's last block (columns 9..11)
        assertThat(net.getLayer(0).getParam("W").getDouble(0, 9)).isEqualTo(1.0);
    }

    @Test
    void convolutionsNormsEmbeddingsAttentionAndPrelu() {
        MultiLayerNetwork net = Nets.mln(
                new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).build(),
                new Deconvolution2D.Builder(2, 2).nIn(4).nOut(5).build(),
                new SeparableConvolution2D.Builder(3, 3).nIn(5).nOut(6).depthMultiplier(2).build(),
                new BatchNormalization.Builder().nIn(6).nOut(6).build());
        CountingGenerator gen = new CountingGenerator();
        TorchDefaults.reset(net, gen);
        double conv = 1 / Math.sqrt(2 * 9);
        double deconv = 1 / Math.sqrt(5 * 4);   // ConvTranspose2d [in, out, k, k]: fan_in from dim 1
        double dw = 1 / Math.sqrt(9);
        double pw = 1 / Math.sqrt(10);
        assertCalls(gen, "uniform[4, 2, 3, 3]", conv, "uniform[4]", conv, "uniform[4, 5, 2, 2]", deconv,
                "uniform[5]", deconv, "uniform[10, 1, 3, 3]", dw, "uniform[6, 10, 1, 1]", pw, "uniform[6]", pw);
        TorchModule bn = NnInit.modules(net).get(3);
        assertThat(bn.read("weight").toDoubleVector()).containsOnly(1);
        assertThat(bn.read("bias").toDoubleVector()).containsOnly(0);
        assertThat(bn.read("running_var").toDoubleVector()).containsOnly(1);
        assertThat(bn.dl4jParams().get("log10stdev").toDoubleVector()).containsOnly(0);

        MultiLayerNetwork other = Nets.mln(new EmbeddingLayer.Builder().nIn(5).nOut(4).build(),
                new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(2).headSize(2).projectInput(true).build(),
                new PReLULayer.Builder().inputShape(4).build());
        CountingGenerator g2 = new CountingGenerator();
        List<TorchModule> ms = NnInit.modules(other);
        TorchDefaults.reset(ms.get(0), g2);
        TorchDefaults.reset(ms.get(1), g2);
        assertThat(TorchDefaults.reset(ms.get(2), g2)).isTrue();
        double out = 1 / Math.sqrt(4);
        double xavier = Math.sqrt(6.0 / (4 + 12));
        // out_proj's bias is drawn too (nn.MultiheadAttention has it; DL4J's attention does not): a phantom draw
        assertCalls(g2, "normal[5, 4]", 1.0, "uniform[4, 4]", out, "uniform[4]", out, "uniform[12, 4]", xavier);
        assertThat(ms.get(0).weight().getDouble(1, 0)).isEqualTo(5.0);   // [5, 4] row-major
        assertThat(ms.get(1).read("in_proj_weight").getDouble(0, 0)).isEqualTo(20 + 16 + 4 + 1.0);   // after out_proj
        assertThat(ms.get(2).weight().toDoubleVector()).containsOnly(0.25);
    }

    @Test
    void graphIsResetInTopologicalOrder() {
        org.deeplearning4j.nn.graph.ComputationGraph graph = Nets.residualGraph(false, 2, 3);
        CountingGenerator gen = new CountingGenerator();
        TorchDefaults.reset(graph, gen);
        List<String> drawn = NnInit.modules(graph).stream().filter(m -> m.has("weight") && m.is(
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class)).map(TorchModule::name).toList();
        // convolutions without bias draw one weight each, in visiting order; then the output Linear draws two
        assertThat(gen.calls).hasSize(drawn.size() + 2);
        Map<String, TorchModule> byName = NnInit.modules(graph).stream().collect(Collectors.toMap(TorchModule::name, m -> m));
        for (int k = 0; k < drawn.size(); k++) {
            assertThat(gen.calls.get(k).shape()).as("draw %d is %s", k, drawn.get(k))
                    .containsExactly(byName.get(drawn.get(k)).shape("weight"));
        }
        assertThat(drawn.indexOf("c2")).isGreaterThan(drawn.indexOf("c1"));
        assertThat(gen.calls.get(gen.calls.size() - 2).shape()).containsExactly(3, 3);   // Linear(3, 3) weight
    }

    /**
     * Modules marked as overwritten only consume their uniform draws: every other module, before and after them,
     * gets exactly what a plain reset gives, and the marked ones keep their previous values.
     */
    @Test
    void overwrittenModulesConsumeTheirDrawsWithoutComputingThem() {
        ComputationGraph plain = Nets.residualGraph(true, 5, 6);
        ComputationGraph skipping = Nets.residualGraph(true, 5, 6);
        INDArray convBefore = skipping.getLayer("c2").getParam("W").dup();
        TorchDefaults.reset(plain, new TorchGenerator(9));
        TorchDefaults.reset(skipping, new TorchGenerator(9), m -> m.name().equals("c2"));
        for (String layer : new String[] {"c1", "sc", "out"}) {
            assertThat(skipping.getLayer(layer).params().dup().data().asFloat()).as(layer)
                    .containsExactly(plain.getLayer(layer).params().dup().data().asFloat());
        }
        assertThat(skipping.getLayer("c2").getParam("W").dup().data().asFloat())
                .containsExactly(convBefore.data().asFloat());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TorchDefaults.reset(plain, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overwritten is null");
    }
}
