package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Every binding checked by the forward pass: one PyTorch module per layer kind with seeded weights
 * ({@code tools/torch-reference/layers.py}, torch 1.13.1); its state dict loaded into the DL4J layer
 * ({@link StateDict}, names "layer.&lt;param&gt;") must give PyTorch's output on the same input (≤ 1e-4).
 */
class LayerForwardTest {

    private static JsonNode io() throws IOException {
        try (InputStream in = LayerForwardTest.class.getResourceAsStream("/torch-reference/layers/io.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static MultiLayerNetwork single(Layer layer) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(layer).build());
        net.init();
        return net;
    }

    static Stream<Arguments> kinds() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("conv2d", (Supplier<Layer>) () -> new ConvolutionLayer.Builder(3, 2).stride(1, 2)
                .padding(1, 1).nIn(3).nOut(4).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("conv1d", (Supplier<Layer>) () -> new Convolution1DLayer.Builder(3).padding(1).nIn(3)
                .nOut(4).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).name("layer").build()));
        out.add(Arguments.of("conv3d", (Supplier<Layer>) () -> new Convolution3D.Builder(2, 3, 2).nIn(2).nOut(3)
                .activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("depthwise2d", (Supplier<Layer>) () -> new DepthwiseConvolution2D.Builder(3, 3).nIn(3)
                .depthMultiplier(2).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("deconv3d", (Supplier<Layer>) () -> new Deconvolution3D.Builder().kernelSize(2, 2, 2)
                .stride(2, 2, 2).nIn(2).nOut(3).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("rnn", (Supplier<Layer>) () -> new SimpleRnn.Builder().nIn(4).nOut(5)
                .activation(Activation.TANH).name("layer").build()));
        out.add(Arguments.of("embedding", (Supplier<Layer>) () -> new EmbeddingLayer.Builder().nIn(10).nOut(4)
                .hasBias(false).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("prelu", (Supplier<Layer>) () -> new PReLULayer.Builder().inputShape(3).name("layer")
                .build()));
        out.add(Arguments.of("dense", (Supplier<Layer>) () -> new DenseLayer.Builder().nIn(5).nOut(3)
                .activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("deconv2d", (Supplier<Layer>) () -> new Deconvolution2D.Builder(3, 2).stride(2, 2)
                .nIn(2).nOut(3).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("separable", (Supplier<Layer>) () -> new SeparableConvolution2D.Builder(3, 3).nIn(3)
                .nOut(4).depthMultiplier(2).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("embedding_seq", (Supplier<Layer>) () -> new EmbeddingSequenceLayer.Builder().nIn(10)
                .nOut(4).inputLength(3).hasBias(false).activation(Activation.IDENTITY).name("layer").build()));
        out.add(Arguments.of("attention", (Supplier<Layer>) () -> new SelfAttentionLayer.Builder().nIn(8).nOut(8)
                .nHeads(2).headSize(4).projectInput(true).name("layer").build()));
        out.add(Arguments.of("batchnorm", (Supplier<Layer>) () -> new BatchNormalization.Builder().nIn(3).nOut(3)
                .name("layer").build()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void loadedWeightsGivePyTorchsOutput(String kind, Supplier<Layer> layer) throws Exception {
        JsonNode io = io().get(kind);
        MultiLayerNetwork net = single(layer.get());
        Map<String, INDArray> torch = StateDict.read(Path.of(LayerForwardTest.class
                .getResource("/torch-reference/layers/" + kind + ".safetensors").toURI()));
        Map<String, INDArray> state = new java.util.LinkedHashMap<>();
        torch.forEach((k, v) -> state.put("layer." + k, v));
        StateDict.load(net, state);

        INDArray x = Nd4j.create(flatten(io.get("input")), shape(io.get("input_shape"))).castTo(DataType.FLOAT);
        long[] outShape = shape(io.get("output_shape"));
        if (kind.equals("rnn") || kind.equals("attention")) {
            x = x.permute(1, 2, 0).dup('c');            // (seq, batch, f) -> DL4J's (batch, f, seq)
        }
        INDArray y = net.output(x);
        if (kind.equals("rnn") || kind.equals("attention")) {
            y = y.permute(2, 0, 1);                     // back to PyTorch's (seq, batch, hidden)
        } else if (kind.equals("embedding_seq")) {
            y = y.permute(0, 2, 1);                     // DL4J's (batch, dim, seq) -> PyTorch's (batch, seq, dim)
        } else if (kind.equals("embedding")) {
            y = y.reshape(outShape);                    // DL4J drops PyTorch's length-1 index axis: [3, 4] vs [3, 1, 4]
        }
        double[] expected = flatten(io.get("output"));
        assertThat(y.shape()).containsExactly(outShape);
        double[] actual = y.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("%s: largest |DL4J - PyTorch|", kind).isLessThan(1e-4);
    }

    private static long[] shape(JsonNode node) {
        long[] s = new long[node.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = node.get(i).asLong();
        }
        return s;
    }

    private static double[] flatten(JsonNode nested) {
        List<Double> out = new ArrayList<>();
        flattenInto(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flattenInto(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flattenInto(n, out));
        } else {
            out.add(node.asDouble());
        }
    }
}
