package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1D;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer catalogue itself: every DL4J layer class the walker supports, built as a real layer in a real
 * network, resolves to exactly its entry, with the PyTorch names, weight key and LSUV decision the entry states;
 * resolution is most-specific-first; an unknown layer is {@link LayerKind#UNKNOWN} and its errors name it.
 */
class LayerKindTest {

    /** One row: a layer, the kind it must resolve to, its walked PyTorch names, its DL4J weight key, LSUV. */
    record Row(String label, Supplier<Layer> layer, LayerKind kind, List<String> names, String weightKey,
               boolean lsuv) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<String> WB = List.of("weight", "bias");

    static Stream<Arguments> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Separable", () -> new SeparableConvolution2D.Builder(3, 3).nIn(3).nOut(4)
                .depthMultiplier(2).build(), LayerKind.SEPARABLE_CONV2D,
                List.of("depthwise.weight", "pointwise.weight", "pointwise.bias"), "W", true));
        rows.add(new Row("Depthwise", () -> new DepthwiseConvolution2D.Builder(3, 3).nIn(3).depthMultiplier(2)
                .build(), LayerKind.DEPTHWISE_CONV2D, WB, "W", true));
        rows.add(new Row("Deconvolution3D", () -> new Deconvolution3D.Builder().kernelSize(2, 2, 2).nIn(2).nOut(3)
                .build(), LayerKind.CONV_TRANSPOSE3D, WB, "W", true));
        rows.add(new Row("Deconvolution2D", () -> new Deconvolution2D.Builder(3, 2).nIn(2).nOut(3).build(),
                LayerKind.CONV_TRANSPOSE2D, WB, "W", true));
        rows.add(new Row("Convolution1DLayer", () -> new Convolution1DLayer.Builder(3).nIn(3).nOut(4).build(),
                LayerKind.CONV1D, WB, "W", true));
        rows.add(new Row("Convolution1D", () -> new Convolution1D.Builder(3).nIn(3).nOut(4).build(),
                LayerKind.CONV1D, WB, "W", true));
        rows.add(new Row("Convolution3D", () -> new Convolution3D.Builder(2, 3, 2).nIn(2).nOut(3).build(),
                LayerKind.CONV3D, WB, "W", true));
        rows.add(new Row("ConvolutionLayer", () -> new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).build(),
                LayerKind.CONV2D, WB, "W", true));
        rows.add(new Row("Convolution2D without bias", () -> new Convolution2D.Builder(3, 3).nIn(3).nOut(4)
                .hasBias(false).build(), LayerKind.CONV2D, List.of("weight"), "W", true));
        rows.add(new Row("Dense with layer norm", () -> new DenseLayer.Builder().nIn(5).nOut(3).hasLayerNorm(true)
                .build(), LayerKind.LINEAR, List.of("weight", "bias", "layer_norm.weight"), "W", true));
        rows.add(new Row("OutputLayer", () -> new OutputLayer.Builder().nIn(5).nOut(3).build(),
                LayerKind.LINEAR, WB, "W", true));
        rows.add(new Row("RnnOutputLayer", () -> new RnnOutputLayer.Builder().nIn(5).nOut(3).build(),
                LayerKind.LINEAR, WB, "W", true));
        rows.add(new Row("CenterLossOutputLayer", () -> new CenterLossOutputLayer.Builder().nIn(5).nOut(3).build(),
                LayerKind.LINEAR, WB, "W", true));
        rows.add(new Row("BatchNormalization", () -> new BatchNormalization.Builder().nIn(3).nOut(3).build(),
                LayerKind.BATCH_NORM, List.of("weight", "bias", "running_mean", "running_var"), null, false));
        rows.add(new Row("BatchNormalization locked", () -> new BatchNormalization.Builder().nIn(3).nOut(3)
                .lockGammaBeta(true).build(), LayerKind.BATCH_NORM, List.of("running_mean", "running_var"), null,
                false));
        rows.add(new Row("EmbeddingLayer with bias", () -> new EmbeddingLayer.Builder().nIn(10).nOut(4)
                .hasBias(true).build(), LayerKind.EMBEDDING, List.of("weight"), "W", false));
        rows.add(new Row("EmbeddingSequenceLayer", () -> new EmbeddingSequenceLayer.Builder().nIn(10).nOut(4)
                .inputLength(3).build(), LayerKind.EMBEDDING, List.of("weight"), "W", false));
        rows.add(new Row("LSTM", () -> new LSTM.Builder().nIn(3).nOut(4).build(), LayerKind.LSTM,
                List.of("weight_ih", "weight_hh", "bias"), "W", true));
        rows.add(new Row("SimpleRnn", () -> new SimpleRnn.Builder().nIn(3).nOut(4).build(), LayerKind.RNN,
                List.of("weight_ih", "weight_hh", "bias"), "W", true));
        List<String> attention = List.of("in_proj_weight", "out_proj.weight", "q_proj_weight", "k_proj_weight",
                "v_proj_weight");
        rows.add(new Row("SelfAttentionLayer", () -> new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(2)
                .headSize(2).projectInput(true).build(), LayerKind.MULTIHEAD_ATTENTION, attention, "Wq", false));
        rows.add(new Row("LearnedSelfAttentionLayer", () -> new LearnedSelfAttentionLayer.Builder().nIn(4).nOut(4)
                .nHeads(2).headSize(2).nQueries(3).projectInput(true).build(), LayerKind.MULTIHEAD_ATTENTION,
                attention, "Wq", false));
        rows.add(new Row("SelfAttention without projection", () -> new SelfAttentionLayer.Builder().nIn(4).nOut(4)
                .nHeads(1).projectInput(false).build(), LayerKind.MULTIHEAD_ATTENTION, List.of(), null, false));
        rows.add(new Row("PReLU", () -> new PReLULayer.Builder().inputShape(3).build(), LayerKind.PRELU,
                List.of("weight"), "W", true));
        rows.add(new Row("ActivationLayer", () -> new ActivationLayer.Builder().activation(Activation.RELU).build(),
                LayerKind.ACTIVATION, List.of(), null, false));
        rows.add(new Row("SubsamplingLayer", () -> new SubsamplingLayer.Builder(2, 2).build(), LayerKind.NO_PARAMS,
                List.of(), null, false));
        rows.add(new Row("Subsampling1DLayer", () -> new Subsampling1DLayer.Builder(2).build(),
                LayerKind.NO_PARAMS, List.of(), null, false));
        rows.add(new Row("GlobalPooling", () -> new GlobalPoolingLayer.Builder().build(), LayerKind.NO_PARAMS,
                List.of(), null, false));
        // No PyTorch twin: walked with DL4J keys; the report and LSUV still treat GravesLSTM's W as its weight.
        rows.add(new Row("GravesLSTM", () -> new GravesLSTM.Builder().nIn(3).nOut(4).build(), LayerKind.UNKNOWN,
                List.of(), "W", true));
        rows.add(new Row("Bidirectional", () -> new Bidirectional(new LSTM.Builder().nIn(3).nOut(4).build()),
                LayerKind.UNKNOWN, List.of(), null, false));   // keys fW, fRW, fb, bW, ...: none starts with W
        return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyLayerResolvesToItsEntry(Row row) {
        Layer conf = row.layer().get();
        assertThat(LayerKind.of(conf)).isEqualTo(row.kind());

        TorchModule m = NnInit.modules(Nets.mln(row.layer().get())).get(0);
        Map<String, INDArray> params = m.dl4jParams();
        assertThat(m.kind()).isEqualTo(row.kind());
        assertThat(m.paramNames()).containsExactlyElementsOf(row.names());
        if (!m.paramNames().isEmpty()) {   // a layer's names are the entry's, in the entry's order
            assertThat(row.kind().paramNames()).containsSubsequence(m.paramNames());
        }
        assertThat(row.kind().weightKey(params)).isEqualTo(row.weightKey());
        assertThat(row.kind().lsuv(m.layer(), params)).isEqualTo(row.lsuv());
        if (row.kind().weight() != null && !m.paramNames().isEmpty()) {
            assertThat(m.paramNames()).contains(row.kind().weight());
        }
        // The report's generic reading ("W", else the first W* key) agrees with every entry's stated key.
        String generic = params.containsKey("W") ? "W"
                : params.keySet().stream().filter(k -> k.startsWith("W")).findFirst().orElse(null);
        assertThat(row.kind().weightKey(params)).isEqualTo(generic);
    }

    @Test
    void frozenLayersResolveThroughTheirInnerLayer() {
        TorchModule m = NnInit.modules(Nets.mln(new FrozenLayerWithBackprop(
                new SeparableConvolution2D.Builder(3, 3).nIn(3).nOut(4).build()))).get(0);
        assertThat(m.frozen()).isTrue();
        assertThat(m.kind()).isEqualTo(LayerKind.SEPARABLE_CONV2D);
    }

    @Test
    void noEntryHidesALaterOne() {
        // Most-specific-first: an earlier entry's class must never be a supertype of a later entry's class,
        // or the later entry could never be chosen.
        LayerKind[] kinds = LayerKind.values();
        for (int i = 0; i < kinds.length; i++) {
            for (int j = i + 1; j < kinds.length; j++) {
                for (Class<?> earlier : kinds[i].layerClasses()) {
                    for (Class<?> later : kinds[j].layerClasses()) {
                        assertThat(earlier.isAssignableFrom(later))
                                .as("%s (%s) hides %s (%s)", kinds[i], earlier.getSimpleName(), kinds[j],
                                        later.getSimpleName())
                                .isFalse();
                    }
                }
            }
        }
        assertThat(kinds[kinds.length - 1]).isEqualTo(LayerKind.UNKNOWN);
        assertThat(LayerKind.UNKNOWN.layerClasses()).isEmpty();
        assertThat(LayerKind.UNKNOWN.torchModule()).isNull();
        for (LayerKind kind : kinds) {
            if (kind != LayerKind.UNKNOWN) {
                assertThat(kind.layerClasses()).as("%s", kind).isNotEmpty();
                assertThat(kind.torchModule()).as("%s", kind).isNotBlank();
            }
        }
    }

    @Test
    void unknownLayersResolveToUnknownAndErrorsNameThem() {
        Layer graves = new GravesLSTM.Builder().nIn(3).nOut(4).name("peepholes").build();
        assertThat(LayerKind.of(graves)).isEqualTo(LayerKind.UNKNOWN);
        assertThatThrownBy(() -> LayerKind.known(graves)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peepholes").hasMessageContaining("GravesLSTM")
                .hasMessageContaining("UNKNOWN");
        assertThat(LayerKind.known(new DenseLayer.Builder().nIn(2).nOut(2).build())).isEqualTo(LayerKind.LINEAR);
        assertThatThrownBy(() -> LayerKind.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conf").hasMessageContaining("null");

        TorchModule m = NnInit.modules(Nets.mln(new GravesLSTM.Builder().nIn(3).nOut(4).name("peepholes").build()))
                .get(0);
        assertThat(TorchDefaults.reset(m, new CountingGenerator())).isFalse();
        assertThatThrownBy(() -> m.param("weight_ih")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peepholes").hasMessageContaining("GravesLSTM")
                .hasMessageContaining("LayerKind.UNKNOWN");
        assertThat(m.param("W")).isNotNull();   // DL4J keys still work
    }

    @Test
    void phantomDrawsAreTheOnesTheEntriesName() {
        assertThat(LayerKind.LSTM.phantoms()).extracting(LayerKind.Phantom::param).containsExactly("bias_hh");
        assertThat(LayerKind.RNN.phantoms()).extracting(LayerKind.Phantom::param).containsExactly("bias_hh");
        assertThat(LayerKind.MULTIHEAD_ATTENTION.phantoms()).extracting(LayerKind.Phantom::param)
                .containsExactly("out_proj.bias", "in_proj_bias");
        assertThat(LayerKind.BATCH_NORM.phantoms()).extracting(LayerKind.Phantom::param)
                .containsExactly("num_batches_tracked");

        // LSTM(3 -> 4): PyTorch draws weight_ih, weight_hh, bias_ih and bias_hh; DL4J stores three tensors.
        CountingGenerator gen = new CountingGenerator();
        TorchModule lstm = NnInit.modules(Nets.mln(new LSTM.Builder().nIn(3).nOut(4).build())).get(0);
        assertThat(TorchDefaults.reset(lstm, gen)).isTrue();
        assertThat(gen.calls).extracting(c -> Arrays.toString(c.shape()))
                .containsExactly("[16, 3]", "[16, 4]", "[16]", "[16]");
        // The stored bias is the sum of the two bias draws (elements 113..128 and 129..144 of the stream).
        assertThat(lstm.read("bias").getDouble(0)).isEqualTo(113 + 129);

        // MultiheadAttention(E=4): out_proj weight, the phantom out_proj.bias, then the packed in-projection.
        CountingGenerator g2 = new CountingGenerator();
        TorchModule mha = NnInit.modules(Nets.mln(new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(2)
                .headSize(2).projectInput(true).build())).get(0);
        assertThat(TorchDefaults.reset(mha, g2)).isTrue();
        assertThat(g2.calls).extracting(c -> Arrays.toString(c.shape())).containsExactly("[4, 4]", "[4]", "[12, 4]");

        // Entries without a PyTorch twin draw nothing and report it.
        CountingGenerator g3 = new CountingGenerator();
        TorchModule pool = NnInit.modules(Nets.mln(new DenseLayer.Builder().nIn(4).nOut(4).build(),
                new ActivationLayer.Builder().activation(Activation.RELU).build())).get(1);
        assertThat(TorchDefaults.reset(pool, g3)).isFalse();
        assertThat(g3.calls).isEmpty();
    }

    @Test
    void activationAndFansFollowTheEntry() {
        Layer bn = new BatchNormalization.Builder().nIn(3).nOut(3).activation(Activation.RELU).build();
        assertThat(LayerKind.of(bn).activation(bn)).as("batch norm never applies its activation").isNull();
        Layer act = new ActivationLayer.Builder().activation(Activation.TANH).build();
        assertThat(LayerKind.of(act).activation(act)).hasToString("tanh");
        assertThat(LayerKind.of(act).activationOnly()).isTrue();
        Layer dense = new DenseLayer.Builder().nIn(5).nOut(3).activation(Activation.RELU).build();
        assertThat(LayerKind.of(dense).activation(dense)).hasToString("relu");

        TorchModule emb = NnInit.modules(Nets.mln(new EmbeddingLayer.Builder().nIn(10).nOut(4).build())).get(0);
        // Embedding [V, D] is PyTorch's [V, D]: fan_in D, fan_out V (a Dense [in, out] would be read transposed).
        assertThat(LayerKind.EMBEDDING.torchFans(emb.layer(), emb.param("W")).fanIn()).isEqualTo(4);
        assertThat(LayerKind.LINEAR.torchFans(dense, emb.param("W")).fanIn()).isEqualTo(10);
        TorchModule att = NnInit.modules(Nets.mln(new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(2)
                .headSize(3).projectInput(true).build())).get(0);
        // Wq [heads, headSize, nIn] is PyTorch's [heads*headSize, nIn].
        assertThat(att.kind().torchFans(att.layer(), att.param("Wq")).fanOut()).isEqualTo(6);
        assertThat(att.kind().torchFans(att.layer(), att.param("Wq")).fanIn()).isEqualTo(4);
    }
}
