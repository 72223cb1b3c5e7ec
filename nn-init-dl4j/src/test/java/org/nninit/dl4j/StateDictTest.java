package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * PyTorch weights into DL4J through safetensors files written by real PyTorch ({@code
 * tools/torch-reference/statedict.py}, torch 1.13.1), checked by the forward pass against PyTorch's outputs
 * (≤ 1e-4): a DCGAN generator (Dense, transposed convolutions, BatchNorm in eval mode with running statistics),
 * a two-layer LSTM language model (embedding, LSTM gate order and summed biases, decoder), and a small ResNet
 * ComputationGraph (BasicBlock with a strided projection shortcut, three BatchNorms with statistics). Round trips are
 * exact and a rejected load leaves the network untouched.
 */
class StateDictTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(StateDictTest.class.getResource("/torch-reference/" + name).toURI());
    }

    private static JsonNode io() throws IOException {
        try (InputStream in = StateDictTest.class.getResourceAsStream("/torch-reference/io.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static INDArray array(JsonNode nested) {
        return Nd4j.create(new ObjectMapper().convertValue(nested, double[][].class)).castTo(DataType.FLOAT);
    }

    @Test
    void dcganWeightsFromPyTorchGivePyTorchsOutput() throws Exception {
        MultiLayerNetwork net = TorchPorts.dcganGenerator();
        StateDict.load(net, resource("dcgan.safetensors"));
        JsonNode io = io().get("dcgan");
        INDArray out = net.output(array(io.get("input")));
        double[] expected = flatten(io.get("output"));
        assertThat(out.shape()).containsExactly(2, 3, 8, 8);
        double[] actual = out.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("output %d", i).isLessThan(1e-4);
        }
        // what was loaded comes back out exactly (the step counter aside)
        Map<String, INDArray> file = StateDict.read(resource("dcgan.safetensors"));
        assertThat(file).containsKey("3.num_batches_tracked");
        file.remove("3.num_batches_tracked");
        Map<String, INDArray> back = StateDict.of(net);
        assertThat(back.keySet()).containsExactlyElementsOf(file.keySet());
        for (String k : file.keySet()) {
            INDArray a = back.get(k).castTo(DataType.DOUBLE);
            INDArray b = file.get(k).castTo(DataType.DOUBLE);
            // running_var passes through DL4J's log10 std: equal to float rounding
            double tolerance = k.endsWith("running_var") ? 1e-6 : 0;
            assertThat(a.sub(b).amaxNumber().doubleValue()).as(k).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void smallResNetFromPyTorchGivesPyTorchsOutput() throws Exception {
        org.deeplearning4j.nn.graph.ComputationGraph net = TorchPorts.tinyResNet();
        StateDict.load(net, resource("tiny_resnet.safetensors"));
        JsonNode io = io().get("tiny_resnet");
        INDArray x = Nd4j.create(flatten(io.get("input")), new long[] {2, 3, 6, 6}).castTo(DataType.FLOAT);
        INDArray out = net.outputSingle(x);
        double[] expected = flatten(io.get("output"));
        assertThat(out.shape()).containsExactly(2, 4);
        double[] actual = out.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("output %d", i).isLessThan(1e-4);
        }
        assertThat(StateDict.of(net).keySet()).containsExactly("conv1.weight", "bn1.weight", "bn1.bias",
                "bn1.running_mean", "bn1.running_var", "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "down.0.weight", "down.1.weight", "down.1.bias", "down.1.running_mean",
                "down.1.running_var", "fc.weight", "fc.bias");
    }

    @Test
    void safetensorsRoundTripsExactly(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = TorchPorts.dcganGenerator();
        StateDict.load(net, resource("dcgan.safetensors"));
        Path file = dir.resolve("back.safetensors");
        StateDict.save(net, file);
        MultiLayerNetwork other = TorchPorts.dcganGenerator();
        StateDict.load(other, file);
        assertThat(other.params()).isEqualTo(net.params());
        Map<String, INDArray> read = StateDict.read(file);
        StateDict.of(net).forEach((k, v) -> assertThat(read.get(k)).as(k).isEqualTo(v));
        // every dtype the format has
        Map<String, INDArray> typed = new LinkedHashMap<>();
        typed.put("f64", Nd4j.createFromArray(1.5, -2.25));
        typed.put("f16", Nd4j.createFromArray(0.1f, 3f).castTo(DataType.HALF));
        typed.put("bf16", Nd4j.createFromArray(0.1f, -7f).castTo(DataType.BFLOAT16));
        typed.put("i64", Nd4j.createFromArray(3L, 1L << 40));
        StateDict.write(typed, dir.resolve("typed.safetensors"));
        Map<String, INDArray> typedBack = StateDict.read(dir.resolve("typed.safetensors"));
        typed.forEach((k, v) -> assertThat(typedBack.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void strictLoadingNamesTheKeyAndWritesNothing() throws Exception {
        MultiLayerNetwork net = TorchPorts.dcganGenerator();
        INDArray before = net.params().dup();
        Map<String, INDArray> state = StateDict.read(resource("dcgan.safetensors"));
        Map<String, INDArray> unknown = new LinkedHashMap<>(state);
        unknown.put("9.weight", Nd4j.zeros(3));
        assertThatThrownBy(() -> StateDict.load(net, unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9.weight");
        Map<String, INDArray> missing = new LinkedHashMap<>(state);
        missing.remove("5.bias");
        assertThatThrownBy(() -> StateDict.load(net, missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5.bias");
        Map<String, INDArray> shape = new LinkedHashMap<>(state);
        shape.put("0.weight", Nd4j.zeros(DataType.FLOAT, 8, 64));
        assertThatThrownBy(() -> StateDict.load(net, shape)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.weight").hasMessageContaining("[8, 64]").hasMessageContaining("[64, 8]");
        // a value DL4J cannot store (a zero variance as log10 std) is found before layers 0 and 2 are written
        Map<String, INDArray> zeroVar = new LinkedHashMap<>(state);
        zeroVar.put("3.running_var", Nd4j.createFromArray(1f, 1f, 0f, 1f, 1f, 1f, 1f, 1f));
        assertThatThrownBy(() -> StateDict.load(net, zeroVar)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.running_var").hasMessageContaining("> 0");
        assertThat(net.params()).isEqualTo(before);
    }

    @Test
    void lstmLanguageModelFromPyTorchGivesPyTorchsLogits() throws Exception {
        // PyTorch's one nn.LSTM of two layers is two DL4J layers: its keys _l0 and _l1 go to lstm_l0 and lstm_l1.
        Map<String, INDArray> state = new LinkedHashMap<>();
        StateDict.read(resource("lstm_lm.safetensors")).forEach((k, v) -> {
            if (k.startsWith("lstm.")) {
                String layer = k.substring(k.length() - 1);
                k = "lstm_l" + layer + "." + k.substring(5, k.length() - 1) + "0";
            }
            state.put(k, v);
        });
        MultiLayerNetwork net = TorchPorts.languageModel();
        StateDict.load(net, state);
        JsonNode io = io().get("lstm_lm");
        JsonNode tokens = io.get("tokens");                       // [seq][batch]
        int seq = tokens.size();
        int batch = tokens.get(0).size();
        INDArray input = Nd4j.create(DataType.FLOAT, batch, seq);
        for (int t = 0; t < seq; t++) {
            for (int b = 0; b < batch; b++) {
                input.putScalar(b, t, tokens.get(t).get(b).asDouble());
            }
        }
        INDArray logits = net.output(input);                      // [batch, 50, seq]
        JsonNode expected = io.get("logits");                     // [seq][batch][50]
        double worst = 0;
        for (int t = 0; t < seq; t++) {
            for (int b = 0; b < batch; b++) {
                for (int v = 0; v < 50; v++) {
                    worst = Math.max(worst, Math.abs(logits.getDouble(b, v, t) - expected.get(t).get(b).get(v).asDouble()));
                }
            }
        }
        assertThat(worst).isLessThan(1e-4);
    }

    private static double[] flatten(JsonNode nested) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        flattenInto(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flattenInto(JsonNode node, java.util.List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flattenInto(n, out));
        } else {
            out.add(node.asDouble());
        }
    }
}
