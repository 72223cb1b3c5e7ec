package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchDefaults;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.TorchGenerator;

/**
 * Whole models against real PyTorch (reference: {@code tools/torch-reference/models.py}, torch 1.13.1,
 * torchvision 0.14.1): each model built in PyTorch with a seed, and its DL4J port written line by line in
 * PyTorch's registration order and initialized by the matching recipe with a {@link TorchGenerator} of the same
 * seed, hold the same parameters bit for bit: torchvision's resnet18 with and without {@code zero_init_residual}
 * ({@link Recipes#resnet}), the seed documents' MyModel with its VGG-style {@code _initialize_weights}
 * ({@link Recipes#vgg}), a DCGAN generator with the seed's {@code init_gan} ({@link Recipes#dcgan}), and a
 * two-layer LSTM language model with PyTorch's defaults ({@link TorchDefaults#reset}), and a small transformer
 * with the seed's {@code init_transformer} ({@link Recipes#transformer}).
 */
class PyTorchModelParityTest {

    private static JsonNode reference() throws IOException {
        try (InputStream in = PyTorchModelParityTest.class.getResourceAsStream("/torch-reference/models.json.gz")) {
            return new ObjectMapper().readTree(new GZIPInputStream(in));
        }
    }

    private static Stream<JsonNode> cases(String model) throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        reference().get("cases").forEach(cases::add);
        return cases.stream().filter(c -> c.get("model").asText().equals(model));
    }

    static Stream<JsonNode> resnet18Cases() throws IOException {
        return cases("resnet18");
    }

    static Stream<JsonNode> myModelCases() throws IOException {
        return cases("mymodel");
    }

    static Stream<JsonNode> dcganCases() throws IOException {
        return cases("dcgan");
    }

    static Stream<JsonNode> lstmCases() throws IOException {
        return cases("lstm_lm");
    }


    @ParameterizedTest(name = "LSTM language model seed {0}")
    @MethodSource("lstmCases")
    void torchDefaultsGiveTheLanguageModelsParameters(JsonNode c) {
        MultiLayerNetwork net = org.nninit.dl4j.TorchPorts.languageModel();
        TorchDefaults.reset(net, new TorchGenerator(c.get("seed").asLong()));
        Map<String, float[]> torch = values(c);
        List<TorchModule> ms = NnInit.modules(net);
        assertThat(floats(ms.get(0).read("weight"))).containsExactly(torch.get("embedding.weight"));
        for (int l = 0; l < 2; l++) {
            TorchModule lstm = ms.get(1 + l);
            assertThat(floats(lstm.read("weight_ih"))).as("l%d weight_ih", l).containsExactly(torch.get("lstm.weight_ih_l" + l));
            assertThat(floats(lstm.read("weight_hh"))).as("l%d weight_hh", l).containsExactly(torch.get("lstm.weight_hh_l" + l));
            // DL4J's one bias is PyTorch's two summed: the same forward function
            float[] ih = torch.get("lstm.bias_ih_l" + l);
            float[] hh = torch.get("lstm.bias_hh_l" + l);
            float[] sum = new float[ih.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = ih[i] + hh[i];
            }
            assertThat(floats(lstm.read("bias"))).as("l%d bias", l).containsExactly(sum);
        }
        assertThat(floats(ms.get(3).read("weight"))).containsExactly(torch.get("decoder.weight"));
        assertThat(floats(ms.get(3).read("bias"))).containsExactly(torch.get("decoder.bias"));
    }

    static Stream<JsonNode> transformerCases() throws IOException {
        return cases("transformer");
    }

    /** Embedding(100, 32), MultiheadAttention(32, 4), Linear(32, 64), Linear(64, 32), Linear(32, 100). */
    static MultiLayerNetwork smallTransformer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(100).nOut(32).hasBias(false).name("embedding").build())
                .layer(new SelfAttentionLayer.Builder().nIn(32).nOut(32).nHeads(4).headSize(8).projectInput(true)
                        .name("attn").build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(64).name("ff1").build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(32).name("ff2").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(100)
                        .activation(Activation.IDENTITY).name("out").build())
                .build());
        net.init();
        return net;
    }

    /**
     * The seed's init_transformer on the small transformer: DL4J's attention has no biases, PyTorch's are 0
     * after init; the draw PyTorch makes for the out-projection's bias is made too (a phantom draw), so every later
     * parameter stays in step.
     */
    @ParameterizedTest(name = "transformer seed {0}")
    @MethodSource("transformerCases")
    void transformerRecipeIsTheSeedsInitTransformer(JsonNode c) {
        MultiLayerNetwork net = smallTransformer();
        Recipes.transformer(net, new TorchGenerator(c.get("seed").asLong()));
        Map<String, float[]> torch = values(c);
        List<TorchModule> ms = NnInit.modules(net);
        assertThat(floats(ms.get(0).read("weight"))).as("embedding").containsExactly(torch.get("embedding.weight"));
        assertThat(floats(ms.get(1).read("in_proj_weight"))).as("in_proj_weight")
                .containsExactly(torch.get("attn.in_proj_weight"));
        assertThat(floats(ms.get(1).read("out_proj.weight"))).as("out_proj.weight")
                .containsExactly(torch.get("attn.out_proj.weight"));
        assertThat(torch.get("attn.in_proj_bias")).containsOnly(0f);
        assertThat(torch.get("attn.out_proj.bias")).containsOnly(0f);
        for (String linear : List.of("ff1", "ff2", "out")) {
            TorchModule m = ms.stream().filter(x -> x.name().equals(linear)).findFirst().orElseThrow();
            assertThat(floats(m.read("weight"))).as(linear).containsExactly(torch.get(linear + ".weight"));
            assertThat(floats(m.read("bias"))).as(linear).containsExactly(torch.get(linear + ".bias"));
        }
    }

    private static Map<String, float[]> values(JsonNode c) {
        Map<String, float[]> torch = new LinkedHashMap<>();
        c.get("params").forEach(p -> {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(p.get("data").asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[b.capacity() / 4];
            b.asFloatBuffer().get(v);
            torch.put(p.get("name").asText(), v);
        });
        return torch;
    }

    private static float[] floats(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /** The seed documents' MyModel: conv1 3->64 k3, conv2 64->128 k3, fc 128->10 (pooling has no parameters). */
    static MultiLayerNetwork myModel() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).name("conv1").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(128).name("conv2").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("pool").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(10).activation(Activation.IDENTITY)
                        .name("fc").build())
                .setInputType(InputType.convolutional(16, 16, 3)).build());
        net.init();
        return net;
    }


    @ParameterizedTest(name = "MyModel seed {0}")
    @MethodSource("myModelCases")
    void vggRecipeGivesTheSeedModelsParameters(JsonNode c) throws Exception {
        MultiLayerNetwork net = myModel();
        Recipes.vgg(net, new TorchGenerator(c.get("seed").asLong()));
        assertSameParameters(NnInit.modules(net), c);
    }

    @ParameterizedTest(name = "DCGAN generator seed {0}")
    @MethodSource("dcganCases")
    void dcganRecipeIsTheSeedsInitGan(JsonNode c) throws Exception {
        MultiLayerNetwork net = org.nninit.dl4j.TorchPorts.dcganGenerator();
        Recipes.dcgan(net, new TorchGenerator(c.get("seed").asLong()));
        assertSameParameters(NnInit.modules(net), c);
    }

    /** torchvision's resnet18, vertex for module, named as named_parameters() names them, in __init__ order. */
    static ComputationGraph resnet18() {
        GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate).graphBuilder().addInputs("x");
        g.addLayer("conv1", conv(7, 2, 3, 64), "x")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("maxpool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .padding(1, 1).build(), "relu");
        String in = "maxpool";
        int channels = 64;
        for (int layer = 1; layer <= 4; layer++) {
            int width = 64 << (layer - 1);
            for (int block = 0; block < 2; block++) {
                String p = "layer" + layer + "." + block + ".";
                int stride = layer > 1 && block == 0 ? 2 : 1;
                g.addLayer(p + "conv1", conv(3, stride, 1, width), in)
                        .addLayer(p + "bn1", new BatchNormalization.Builder().build(), p + "conv1")
                        .addLayer(p + "relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "bn1")
                        .addLayer(p + "conv2", conv(3, 1, 1, width), p + "relu1")
                        .addLayer(p + "bn2", new BatchNormalization.Builder().build(), p + "conv2");
                String shortcut = in;
                if (stride != 1 || channels != width) {
                    // registered after bn2 in BasicBlock.__init__, so added after it here
                    g.addLayer(p + "downsample.0", conv(1, stride, 0, width), in)
                            .addLayer(p + "downsample.1", new BatchNormalization.Builder().build(), p + "downsample.0");
                    shortcut = p + "downsample.1";
                }
                g.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn2", shortcut)
                        .addLayer(p + "relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "add");
                in = p + "relu2";
                channels = width;
            }
        }
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1000)
                        .activation(Activation.IDENTITY).build(), "avgpool")
                .setOutputs("fc").setInputTypes(InputType.convolutional(32, 32, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(int k, int stride, int pad, int out) {
        return new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(pad, pad).nOut(out).hasBias(false)
                .build();
    }

    @ParameterizedTest(name = "resnet18 seed {0}")
    @MethodSource("resnet18Cases")
    void resnet18RecipeGivesTorchvisionsParameters(JsonNode c) throws Exception {
        ComputationGraph net = resnet18();
        Recipes.resnet(net, c.get("zero_init_residual").asBoolean(), new TorchGenerator(c.get("seed").asLong()));
        assertSameParameters(NnInit.modules(net), c);
    }

    /** Every PyTorch parameter, by name, has PyTorch's exact bytes (running statistics are buffers, not compared). */
    private static void assertSameParameters(List<TorchModule> modules, JsonNode c) throws Exception {
        Map<String, String> actual = new LinkedHashMap<>();
        for (TorchModule m : modules) {
            for (String p : m.paramNames()) {
                if (!p.startsWith("running_")) {
                    actual.put(m.name() + "." + p, sha256(m.read(p).castTo(DataType.FLOAT).data().asFloat()));
                }
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        c.get("params").forEach(p -> expected.put(p.get("name").asText(), p.get("sha256").asText()));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        List<String> differing = new ArrayList<>();
        expected.forEach((name, hash) -> {
            if (!hash.equals(actual.get(name))) {
                differing.add(name);
            }
        });
        assertThat(differing).as("parameters that differ from PyTorch's (of %d)", expected.size()).isEmpty();
    }

    private static String sha256(float[] values) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }
}
