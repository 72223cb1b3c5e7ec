package org.nninit.random;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.TruncNormalMethod;
import org.nninit.modules.ModuleDefaults;

/**
 * Runs one step of a reference case with nn-init, the way the PyTorch script ran it, and returns what was
 * produced: named results (one for a tensor step, one per parameter for a module step) as PyTorch's bytes.
 */
final class TorchCaseRunner {

    private final TorchGenerator gen;
    private final TruncNormalMethod truncMethod;

    TorchCaseRunner(TorchGenerator gen, TruncNormalMethod truncMethod) {
        this.gen = gen;
        this.truncMethod = truncMethod;
    }

    /** The bytes of each result in the order the reference lists them; a module's keyed by parameter name. */
    Map<String, byte[]> run(JsonNode step, JsonNode expected) {
        String op = step.get("op").asText();
        Map<String, byte[]> out = new LinkedHashMap<>();
        switch (op) {
            case "randperm" -> {
                long[] perm = gen.randperm(step.get("n").asInt());
                INDArray t = perm.length == 0 ? Nd4j.create(DataType.LONG, 0) : Nd4j.createFromArray(perm);
                out.put("", TorchReference.bytes(t));
            }
            case "get_rng_state" -> {
                out.put("", gen.getState());
                // PyTorch's own state must load, and continue exactly: a copy that loads it must save it back.
                TorchGenerator loaded = new TorchGenerator(0, gen.version(), gen.cpuCapability());
                loaded.setState(TorchReference.base64(expected.get("data")));
                out.put("reloaded", loaded.getState());
            }
            case "module" -> {
                Map<String, INDArray> params = new LinkedHashMap<>();
                DataType type = TorchReference.dtype(step.get("kwargs").get("dtype").asText());
                for (JsonNode p : expected.get("params")) {
                    params.put(p.get("name").asText(), Nd4j.zeros(type, TorchReference.shape(p.get("shape"))));
                }
                module(step.get("module").asText(), step.get("kwargs"), params);
                params.forEach((name, t) -> out.put(name, TorchReference.bytes(t)));
            }
            default -> {
                INDArray t = TorchReference.make(TorchReference.dtype(step.get("dtype").asText()),
                        TorchReference.shape(step.get("shape")), step.get("view").asText());
                tensor(op, step.get("args"), t);
                out.put("", TorchReference.bytes(t));
            }
        }
        return out;
    }

    private void tensor(String op, JsonNode a, INDArray t) {
        switch (op) {
            case "uniform_" -> Init.uniform(t, a.get("from").asDouble(), a.get("to").asDouble(), gen);
            case "init.uniform_" -> Init.uniform(t, a.get("a").asDouble(), a.get("b").asDouble(), gen);
            case "normal_" -> Init.normal(t, a.path("mean").asDouble(0), a.path("std").asDouble(1), gen);
            case "init.normal_" -> Init.normal(t, a.get("mean").asDouble(), a.get("std").asDouble(), gen);
            case "random_" -> gen.fillRandom(t);
            case "trunc_normal_" -> Init.truncNormal(t, a.get("mean").asDouble(), a.get("std").asDouble(),
                    a.get("a").asDouble(), a.get("b").asDouble(), truncMethod, gen);
            case "xavier_uniform_" -> Init.xavierUniform(t, a.get("gain").asDouble(), gen);
            case "xavier_normal_" -> Init.xavierNormal(t, a.get("gain").asDouble(), gen);
            case "kaiming_uniform_" -> Init.kaimingUniform(t, a.get("a").asDouble(),
                    FanMode.fromTorchName(a.get("mode").asText()),
                    Nonlinearity.fromTorchName(a.get("nonlinearity").asText()), gen);
            case "kaiming_normal_" -> Init.kaimingNormal(t, a.get("a").asDouble(),
                    FanMode.fromTorchName(a.get("mode").asText()),
                    Nonlinearity.fromTorchName(a.get("nonlinearity").asText()), gen);
            case "orthogonal_" -> Init.orthogonal(t, a.get("gain").asDouble(), gen);
            case "sparse_" -> Init.sparse(t, a.get("sparsity").asDouble(), a.get("std").asDouble(), gen);
            case "eye_" -> Init.eye(t);
            case "dirac_" -> Init.dirac(t, a.get("groups").asInt());
            case "constant_" -> Init.constant(t, a.get("val").asDouble());
            default -> throw new IllegalArgumentException("op " + op);
        }
    }

    private void module(String name, JsonNode kwargs, Map<String, INDArray> p) {
        switch (name) {
            case "Linear" -> ModuleDefaults.linear(p.get("weight"), p.get("bias"), gen);
            case "Bilinear" -> ModuleDefaults.bilinear(p.get("weight"), p.get("bias"), gen);
            case "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d" ->
                    ModuleDefaults.conv(p.get("weight"), p.get("bias"), gen);
            case "Embedding" -> ModuleDefaults.embedding(p.get("weight"),
                    kwargs.has("padding_idx") ? kwargs.get("padding_idx").asInt() : null, gen);
            case "BatchNorm1d", "BatchNorm2d" -> ModuleDefaults.batchNorm(p.get("weight"), p.get("bias"), null, null);
            case "LayerNorm", "GroupNorm" -> ModuleDefaults.layerNorm(p.get("weight"), p.get("bias"));
            case "PReLU" -> ModuleDefaults.prelu(p.get("weight"), kwargs.path("init").asDouble(0.25));
            case "RNN", "LSTM", "GRU" -> ModuleDefaults.recurrent(new ArrayList<>(p.values()),
                    kwargs.get("hidden_size").asLong(), gen);
            case "MultiheadAttention" -> ModuleDefaults.multiheadAttention(p, gen);
            case "TransformerEncoderLayer" -> ModuleDefaults.transformerEncoderLayer(p, gen);
            case "TransformerDecoderLayer" -> ModuleDefaults.transformerDecoderLayer(p, gen);
            default -> throw new IllegalArgumentException("module " + name);
        }
    }
}
