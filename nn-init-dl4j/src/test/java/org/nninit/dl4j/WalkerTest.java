package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.random.Generator;
import org.nninit.random.TorchGenerator;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every supported layer: a write through the PyTorch-layout view lands at the hand-computed DL4J position and
 * in the network's flat parameter vector; translated parameters read and write exactly.
 */
class WalkerTest {

    /** Writes 1000 at torchIdx through the view; checks the DL4J param and the flat vector. */
    private static void lands(Supplier<INDArray> flat, TorchModule m, String name, long[] torchIdx, String key,
                              long... dl4jIdx) {
        double before = flat.get().sumNumber().doubleValue();
        INDArray view = m.param(name);
        double old = view.getDouble(torchIdx);
        view.putScalar(torchIdx, 1000);
        assertThat(m.dl4jParams().get(key).getDouble(dl4jIdx)).as("%s%s -> %s", name, torchIdx, key)
                .isEqualTo(1000.0);
        assertThat(flat.get().sumNumber().doubleValue()).as("flat params see the write of %s", name)
                .isCloseTo(before + 1000 - old, within(0.05));
    }

    private static long[] i(long... idx) {
        return idx;
    }

    @Test
    void denseAndOutputWeightIsTorchOutByIn() {
        MultiLayerNetwork net = Nets.mln(new DenseLayer.Builder().nIn(3).nOut(5).build(),
                new OutputLayer.Builder().nIn(5).nOut(2).lossFunction(LossFunctions.LossFunction.MSE).build());
        List<TorchModule> ms = NnInit.modules(net);
        assertThat(ms).extracting(TorchModule::name).containsExactly("layer0", "layer1");
        assertThat(ms.get(0).weight().shape()).containsExactly(5, 3);
        assertThat(ms.get(1).paramNames()).containsExactly("weight", "bias");
        lands(net::params, ms.get(0), "weight", i(4, 1), "W", 1, 4);
        lands(net::params, ms.get(0), "bias", i(3), "b", 3);
        lands(net::params, ms.get(1), "weight", i(1, 4), "W", 4, 1);
    }

    @Test
    void convolutionFamilyLayouts() {
        MultiLayerNetwork net = Nets.mln(
                new ConvolutionLayer.Builder(3, 2).nIn(2).nOut(4).build(),
                new Convolution1DLayer.Builder(3).nIn(2).nOut(4).build(),
                new Convolution3D.Builder(2, 3, 3).nIn(2).nOut(3).build(),
                new Deconvolution2D.Builder(3, 2).nIn(2).nOut(5).build(),
                new Deconvolution3D.Builder().kernelSize(2, 3, 4).nIn(2).nOut(3).build(),
                new DepthwiseConvolution2D.Builder(3, 2).nIn(3).depthMultiplier(2).build(),
                new SeparableConvolution2D.Builder(3, 2).nIn(3).nOut(4).depthMultiplier(2).build());
        List<TorchModule> ms = NnInit.modules(net);
        lands(net::params, ms.get(0), "weight", i(3, 1, 2, 1), "W", 3, 1, 2, 1);
        assertThat(ms.get(1).weight().shape()).containsExactly(4, 2, 3);
        // Conv1d (o=1, i=0, t=2) is buffer element (t*in + i)*out + o = 17, which DL4J declares as W(2, 1, 2, 0)
        lands(net::params, ms.get(1), "weight", i(1, 0, 2), "W", 2, 1, 2, 0);
        lands(net::params, ms.get(2), "weight", i(2, 1, 1, 2, 0), "W", 2, 1, 1, 2, 0);
        assertThat(ms.get(3).weight().shape()).containsExactly(2, 5, 3, 2);   // ConvTranspose2d [in, out, k]
        lands(net::params, ms.get(3), "weight", i(1, 4, 2, 1), "W", 1, 4, 2, 1);
        assertThat(ms.get(4).weight().shape()).containsExactly(2, 3, 2, 3, 4);   // from [kD,kH,kW,out,in]
        lands(net::params, ms.get(4), "weight", i(1, 2, 1, 0, 3), "W", 1, 0, 3, 2, 1);
        // depthwise: torch channel o = i*dm + m, DL4J W [kH, kW, nIn, dm]
        TorchModule dw = ms.get(5);
        assertThat(dw.shape("weight")).containsExactly(6, 1, 3, 2);
        dw.update("weight", w -> w.putScalar(new long[] {2 * 2 + 1, 0, 2, 1}, 777));
        assertThat(dw.dl4jParams().get("W").getDouble(2, 1, 2, 1)).isEqualTo(777.0);
        lands(net::params, dw, "bias", i(5), "b", 5);
        // separable: depthwise.weight has no view; read/assign translate, DL4J W [dm, nIn, kH, kW]
        TorchModule sep = ms.get(6);
        assertThat(sep.paramNames()).containsExactly("depthwise.weight", "pointwise.weight", "pointwise.bias");
        assertThatThrownBy(() -> sep.param("depthwise.weight")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("depthwise.weight");
        INDArray t = sep.read("depthwise.weight");
        t.putScalar(new long[] {2 * 2 + 1, 0, 1, 0}, 555);
        sep.assign("depthwise.weight", t);
        assertThat(sep.dl4jParams().get("W").getDouble(1, 2, 1, 0)).isEqualTo(555.0);
        assertThat(net.params().sumNumber().doubleValue()).isGreaterThan(500);
        lands(net::params, sep, "pointwise.weight", i(3, 5, 0, 0), "pW", 3, 5, 0, 0);
    }

    /** Walker weights are permuted views: every random function must write every element of them. */
    @Test
    void everyWeightViewIsFilledCompletelyByBothGenerators() {
        MultiLayerNetwork net = Nets.mln(
                new ConvolutionLayer.Builder(3, 2).nIn(2).nOut(4).build(),
                new Convolution1DLayer.Builder(3).nIn(2).nOut(4).build(),
                new Deconvolution2D.Builder(3, 2).nIn(2).nOut(5).build(),
                new Deconvolution3D.Builder().kernelSize(2, 3, 4).nIn(2).nOut(4).build(),
                new DepthwiseConvolution2D.Builder(3, 2).nIn(3).depthMultiplier(4).build());
        for (Generator gen : new Generator[] {null, new TorchGenerator(1)}) {
            for (TorchModule m : NnInit.modules(net)) {
                for (java.util.function.Consumer<INDArray> fill : List.<java.util.function.Consumer<INDArray>>of(
                        w -> Init.normal(w, 0, 1, gen), w -> Init.uniform(w, -1, 1, gen),
                        w -> Init.kaimingNormal(w, 0, FanMode.FAN_IN, Nonlinearity.RELU, gen),
                        w -> Init.xavierNormal(w, 1.0, gen), w -> Init.truncNormal(w, 0, 1, -2, 2, gen))) {
                    m.weight().assign(42);
                    fill.accept(m.weight());
                    long stale = java.util.Arrays.stream(m.read("weight").dup().data().asDouble())
                            .filter(v -> v == 42).count();
                    assertThat(stale).as("%s: stale weights", m.name()).isZero();
                }
            }
        }
    }

    /**
     * The indexing functions work on the walker's views directly (the README used to call such views unreliable;
     * measured here, they are not): eye and dirac give their exact patterns, orthogonal orthonormal rows, sparse
     * its zeros per column, on the transposed Dense view and the permuted convolution views.
     */
    @Test
    void indexingFunctionsWorkOnWeightViews() {
        List<TorchModule> ms = new ArrayList<>(NnInit.modules(Nets.mln(new DenseLayer.Builder().nIn(5).nOut(4).build())));
        ms.addAll(NnInit.modules(Nets.mln(new ConvolutionLayer.Builder(3, 3).nIn(4).nOut(4).build(),
                new DepthwiseConvolution2D.Builder(3, 3).nIn(4).depthMultiplier(1).build())));
        INDArray dense = ms.get(0).weight();
        Init.eye(dense);
        assertThat(ms.get(0).read("weight")).isEqualTo(Nd4j.eye(5).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .castTo(DataType.FLOAT));
        Init.orthogonal(dense);
        INDArray w = ms.get(0).read("weight");
        assertThat(w.mmul(w.transpose()).sub(Nd4j.eye(4).castTo(DataType.FLOAT)).amaxNumber().doubleValue())
                .isLessThan(1e-5);
        Init.sparse(dense, 0.5, 1.0);
        INDArray sp = ms.get(0).read("weight");
        for (int c = 0; c < 5; c++) {
            long zeros = java.util.Arrays.stream(sp.getColumn(c).dup().data().asDouble()).filter(v -> v == 0).count();
            assertThat(zeros).as("column %d", c).isEqualTo(2);
        }
        for (TorchModule conv : ms.subList(1, 3)) {
            INDArray k = conv.weight();
            boolean depthwise = conv.is(DepthwiseConvolution2D.class);
            Init.dirac(k, depthwise ? 4 : 1);
            INDArray expected = Nd4j.zeros(DataType.FLOAT, k.shape());
            for (int o = 0; o < k.size(0); o++) {
                expected.putScalar(new long[] {o, depthwise ? 0 : o, 1, 1}, 1);
            }
            assertThat(conv.read("weight")).as(conv.name()).isEqualTo(expected);
        }
    }

    /**
     * A graph is walked in the order its vertices were added, PyTorch's registration order for a line-by-line
     * port: Nets.residualGraph adds the shortcut conv "sc" after the main branch, where the topological order puts
     * it second. The order survives JSON.
     */
    @Test
    void graphsAreWalkedInTheOrderVerticesWereAdded() {
        ComputationGraph graph = Nets.residualGraph(true, 4, 4);
        List<String> expected = List.of("c1", "b1", "r1", "c2", "b2", "sc", "bsc", "r2", "pool", "out");
        assertThat(NnInit.modules(graph).stream().map(TorchModule::name)).containsExactlyElementsOf(expected);
        ComputationGraph restored = new ComputationGraph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration
                .fromJson(graph.getConfiguration().toJson()));
        restored.init();
        assertThat(NnInit.modules(restored).stream().map(TorchModule::name)).containsExactlyElementsOf(expected);
        assertThat(NnInit.modules(graph).stream().map(TorchModule::index)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void selectLinearTakesDenseAndOutputLayersAsNnLinear() {
        MultiLayerNetwork net = Nets.mln(new DenseLayer.Builder().nIn(3).nOut(4).build(),
                new BatchNormalization.Builder().nIn(4).nOut(4).build(),
                new OutputLayer.Builder().nIn(4).nOut(2).build());
        assertThat(NnInit.modules(net).stream().filter(Select.linear()).map(TorchModule::index))
                .containsExactly(0, 2);
    }

    @Test
    void logStdRunningVarRejectsNanAndInfinity() {
        MultiLayerNetwork net = Nets.mln(new BatchNormalization.Builder().nIn(3).nOut(3).build());
        TorchModule bn = NnInit.modules(net).get(0);
        INDArray before = net.params().dup();
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0f, -1f}) {
            assertThatThrownBy(() -> bn.assign("running_var", Nd4j.createFromArray(1f, bad, 1f)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("running_var");
        }
        assertThat(net.params()).isEqualTo(before);
    }

    @Test
    void batchNormWithLogStdTranslatesRunningVar() {
        MultiLayerNetwork net = Nets.mln(new BatchNormalization.Builder().nIn(3).nOut(3).build(),
                new BatchNormalization.Builder().nIn(3).nOut(3).useLogStd(false).build(),
                new BatchNormalization.Builder().nIn(3).nOut(3).lockGammaBeta(true).build());
        List<TorchModule> ms = NnInit.modules(net);
        TorchModule logStd = ms.get(0);
        assertThat(logStd.paramNames()).containsExactly("weight", "bias", "running_mean", "running_var");
        lands(net::params, logStd, "weight", i(1), "gamma", 1);
        lands(net::params, logStd, "bias", i(2), "beta", 2);
        lands(net::params, logStd, "running_mean", i(0), "mean", 0);
        assertThat(logStd.read("running_var").toDoubleVector()).containsExactly(1, 1, 1);
        assertThatThrownBy(() -> logStd.param("running_var")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("log10");
        logStd.assign("running_var", Nd4j.createFromArray(4f, 0.01f, 1f));
        assertThat(logStd.dl4jParams().get("log10stdev").toDoubleVector())
                .containsExactly(new double[] {Math.log10(2), -1, 0}, within(1e-6));
        assertThat(logStd.read("running_var").toDoubleVector())
                .containsExactly(new double[] {4, 0.01, 1}, within(1e-5));
        assertThatThrownBy(() -> logStd.assign("running_var", Nd4j.createFromArray(1f, 0f, 1f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("running_var");
        lands(net::params, ms.get(1), "running_var", i(2), "var", 2);
        assertThat(ms.get(2).weight()).isNull();
        assertThat(ms.get(2).paramNames()).containsExactly("running_mean", "running_var");
    }

    @Test
    void embeddingsPreluAndRawKeys() {
        MultiLayerNetwork net = Nets.mln(new EmbeddingLayer.Builder().nIn(7).nOut(4).hasBias(true).build(),
                new DenseLayer.Builder().nIn(4).nOut(3).build(),
                new PReLULayer.Builder().inputShape(3, 4, 5).sharedAxes(2, 3).build());
        List<TorchModule> ms = NnInit.modules(net);
        assertThat(ms.get(0).weight().shape()).containsExactly(7, 4);
        lands(net::params, ms.get(0), "weight", i(6, 1), "W", 6, 1);
        lands(net::params, ms.get(0), "b", i(2), "b", 2);   // no torch twin: reachable by DL4J key
        MultiLayerNetwork seq = Nets.mln(new EmbeddingSequenceLayer.Builder().nIn(6).nOut(4).build());
        lands(seq::params, NnInit.modules(seq).get(0), "weight", i(5, 3), "W", 5, 3);
        assertThat(ms.get(2).weight().shape()).containsExactly(3);
        lands(net::params, ms.get(2), "weight", i(2), "W", 2, 0, 0);
        assertThatThrownBy(() -> ms.get(2).param("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name=nope");
    }

    @Test
    void aMissingBiasIsNamedWithItsLayer() {
        MultiLayerNetwork net = Nets.mln(new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).hasBias(false).build());
        TorchModule conv = NnInit.modules(net).get(0);
        INDArray before = net.params().dup();
        assertThat(conv.bias()).isNull();   // DESIGN.md: null where absent
        assertThatThrownBy(() -> conv.fill("bias", b -> Init.zeros(b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer " + conv.name()).hasMessageContaining("ConvolutionLayer")
                .hasMessageContaining("has no bias").hasMessageContaining("hasBias(false)")
                .hasMessageContaining("DL4J keys [W]");
        assertThatThrownBy(() -> Init.zeros(conv.bias())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor is null").hasMessageContaining("TorchModule.fill");
        // a function that cannot take the parameter: the error names the layer, the parameter and its shape
        assertThatThrownBy(() -> conv.update("weight", w -> Init.eye(w))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer " + conv.name() + " (ConvolutionLayer), weight [4, 2, 3, 3]: ")
                .hasMessageContaining("2 dimensions").hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(net.params()).isEqualTo(before);
    }

    @Test
    void lstmGatesAreReorderedAndSimpleRnnTransposed() {
        int nIn = 2;
        int h = 3;
        MultiLayerNetwork net = Nets.mln(new LSTM.Builder().nIn(nIn).nOut(h).build(),
                new SimpleRnn.Builder().nIn(h).nOut(4).build());
        TorchModule lstm = NnInit.modules(net).get(0);
        assertThat(lstm.paramNames()).containsExactly("weight_ih", "weight_hh", "bias");
        assertThat(lstm.weight()).isNull();
        int[] dl4jBlockOfTorch = {3, 1, 0, 2};   // torch (i, f, g, o) vs DL4J (g, f, o, i)
        INDArray wih = Nd4j.arange(4 * h * nIn).reshape('c', 4 * h, nIn).castTo(DataType.FLOAT);
        lstm.assign("weight_ih", wih);
        INDArray bias = Nd4j.arange(4 * h).castTo(DataType.FLOAT);
        lstm.assign("bias", bias);
        INDArray w = lstm.dl4jParams().get("W");
        INDArray b = lstm.dl4jParams().get("b");
        for (int t = 0; t < 4; t++) {
            for (int j = 0; j < h; j++) {
                int dl4jCol = dl4jBlockOfTorch[t] * h + j;
                for (int in = 0; in < nIn; in++) {
                    assertThat(w.getDouble(in, dl4jCol)).isEqualTo(wih.getDouble(t * h + j, in));
                }
                assertThat(b.getDouble(dl4jCol)).isEqualTo(bias.getDouble(t * h + j));
            }
        }
        assertThat(lstm.read("weight_ih")).isEqualTo(wih);
        // forget gate bias block is at the same place in both orders
        lstm.update("bias", x -> x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(h, 2 * h)).assign(-5));
        assertThat(b.getDouble(h)).isEqualTo(-5.0);
        TorchModule rnn = NnInit.modules(net).get(1);
        lands(net::params, rnn, "weight_ih", i(3, 1), "W", 1, 3);
        lands(net::params, rnn, "weight_hh", i(0, 2), "RW", 2, 0);
    }

    @Test
    void selfAttentionPackedInProjection() {
        MultiLayerNetwork net = Nets.mln(new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(2).headSize(2)
                .projectInput(true).build());
        TorchModule att = NnInit.modules(net).get(0);
        assertThat(att.shape("in_proj_weight")).containsExactly(12, 4);
        INDArray in = Nd4j.arange(48).reshape('c', 12, 4).castTo(DataType.FLOAT);
        att.assign("in_proj_weight", in);
        // k rows 4..7: Wk [nHeads, headSize, nIn], row r = head * headSize + j
        assertThat(att.dl4jParams().get("Wk").getDouble(1, 0, 3)).isEqualTo(in.getDouble(4 + 2, 3));
        assertThat(att.read("in_proj_weight")).isEqualTo(in);
        lands(net::params, att, "out_proj.weight", i(3, 1), "Wo", 1, 3);
        lands(net::params, att, "v_proj_weight", i(3, 2), "Wv", 1, 1, 2);
    }

    @Test
    void frozenLayersAreVisitedAndSelectable() {
        MultiLayerNetwork net = Nets.mln(new FrozenLayer(new DenseLayer.Builder().nIn(3).nOut(3).build()),
                new DenseLayer.Builder().nIn(3).nOut(3).name("head").build());
        List<String> seen = new ArrayList<>();
        NnInit.apply(net, m -> seen.add(m.name() + (m.frozen() ? "*" : "")));
        assertThat(seen).containsExactly("layer0*", "head");
        List<String> selected = new ArrayList<>();
        NnInit.apply(net, Select.type(DenseLayer.class).and(Select.trainable()), m -> selected.add(m.name()));
        assertThat(selected).containsExactly("head");
        assertThat(NnInit.modules(net).get(0).is(FrozenLayer.class)).isTrue();
        assertThat(NnInit.modules(net).get(0).is(DenseLayer.class)).isTrue();
        NnInit.apply(net, Select.name("he.*"), m -> org.nninit.Init.zeros(m.weight()));
        assertThat(net.getLayer(1).getParam("W").sumNumber().doubleValue()).isZero();
        assertThat(net.getLayer(0).getParam("W").sumNumber().doubleValue()).isNotZero();
    }

    @Test
    void graphIsWalkedTopologicallyWithWriteThrough() {
        ComputationGraph graph = Nets.residualGraph(true, 8, 16);
        List<TorchModule> ms = NnInit.modules(graph);
        List<String> names = ms.stream().map(TorchModule::name).toList();
        assertThat(names).containsExactlyInAnyOrder("c1", "b1", "r1", "c2", "b2", "sc", "bsc", "r2", "pool", "out");
        assertThat(names.indexOf("c2")).isGreaterThan(names.indexOf("r1"));
        assertThat(names.indexOf("out")).isEqualTo(names.size() - 1);
        assertThat(ms).extracting(TorchModule::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, ms.size()).boxed().toList());
        TorchModule c2 = ms.get(names.indexOf("c2"));
        assertThat(c2.inputs()).containsExactly("r1");
        assertThat(c2.weight().shape()).containsExactly(16, 8, 3, 3);
        lands(graph::params, c2, "weight", i(15, 7, 2, 0), "W", 15, 7, 2, 0);
        lands(graph::params, ms.get(names.indexOf("out")), "weight", i(2, 15), "W", 15, 2);
        lands(graph::params, ms.get(names.indexOf("bsc")), "weight", i(3), "gamma", 3);
        assertThat(ms.get(names.indexOf("r1")).paramNames()).isEmpty();
    }

    @Test
    void uninitializedNetworkIsRejected() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).build()).build());
        assertThatThrownBy(() -> NnInit.apply(net, m -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init()");
    }

    /**
     * fill() works in place where DL4J stores PyTorch's tensor row-major (Dense, conv) and through an exact copy
     * where it does not (LSTM gate order): either way the values equal update()'s, draw for draw.
     */
    @Test
    void fillMatchesUpdateWithAndWithoutAView() {
        Supplier<MultiLayerNetwork> build = () -> Nets.mln(new DenseLayer.Builder().nIn(3).nOut(5).build(),
                new LSTM.Builder().nIn(5).nOut(4).build(),
                new OutputLayer.Builder().nIn(4).nOut(2).lossFunction(LossFunctions.LossFunction.MSE).build());
        MultiLayerNetwork filled = build.get();
        MultiLayerNetwork updated = build.get();
        org.nninit.random.TorchGenerator fillGen = new org.nninit.random.TorchGenerator(3);
        org.nninit.random.TorchGenerator updateGen = new org.nninit.random.TorchGenerator(3);
        List<TorchModule> fm = NnInit.modules(filled);
        List<TorchModule> um = NnInit.modules(updated);
        for (String name : new String[] {"weight", "bias"}) {
            fm.get(0).fill(name, w -> org.nninit.Init.uniform(w, -1, 1, fillGen));
            um.get(0).update(name, w -> org.nninit.Init.uniform(w, -1, 1, updateGen));
        }
        for (String name : new String[] {"weight_ih", "weight_hh"}) {
            fm.get(1).fill(name, w -> org.nninit.Init.normal(w, 0, 1, fillGen));
            um.get(1).update(name, w -> org.nninit.Init.normal(w, 0, 1, updateGen));
        }
        assertThat(fm.get(0).rowMajorView("weight")).as("Dense weight is filled in place").isNotNull();
        assertThat(fm.get(1).rowMajorView("weight_ih")).as("LSTM weight_ih needs the gate reorder").isNull();
        assertThat(filled.params()).isEqualTo(updated.params());
        assertThat(fm.get(1).read("weight_ih")).isEqualTo(um.get(1).read("weight_ih"));
    }
}
