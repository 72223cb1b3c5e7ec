package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.nninit.Fans;
import org.nninit.Init;
import org.nninit.dl4j.TorchModule;

/** What the policies share: which layers are PyTorch Linears or convolutions, their weights, name checks. */
final class PolicySupport {

    /** The PyTorch module a DL4J layer stands for, as far as the policies care. */
    enum Kind { LINEAR, CONV, EMBEDDING, ATTENTION, OTHER }

    /** The attention layers' parameters a policy writes: the packed q/k/v projection and the output projection. */
    static final String IN_PROJ = "in_proj_weight";
    static final String OUT_PROJ = "out_proj.weight";

    private PolicySupport() {
    }

    static Kind kind(TorchModule m) {
        if ((m.is(DenseLayer.class) || m.is(BaseOutputLayer.class)) && m.paramNames().contains("weight")) {
            return Kind.LINEAR;   // nn.Linear: Dense, Output, RnnOutput (a Linear at every time step)
        }
        if (m.is(ConvolutionLayer.class) && !weights(m).isEmpty()) {
            return Kind.CONV;     // Conv1d/2d/3d, ConvTranspose2d/3d, depthwise and separable convolutions
        }
        if ((m.is(EmbeddingLayer.class) || m.is(EmbeddingSequenceLayer.class)) && m.paramNames().contains("weight")) {
            return Kind.EMBEDDING;
        }
        if ((m.is(SelfAttentionLayer.class) || m.is(LearnedSelfAttentionLayer.class))
                && m.paramNames().contains(OUT_PROJ)) {
            return Kind.ATTENTION;
        }
        return Kind.OTHER;
    }

    /** A Linear or a convolution: a layer with a weight that a fan-based rule applies to. */
    static boolean weighted(TorchModule m) {
        Kind kind = kind(m);
        return kind == Kind.LINEAR || kind == Kind.CONV;
    }

    /** DL4J's output layers (BaseOutputLayer with a weight): the classification layer, the readout. */
    static boolean output(TorchModule m) {
        return m.is(BaseOutputLayer.class) && kind(m) == Kind.LINEAR;
    }

    /**
     * The weight tensors of a Linear or convolution ({@code weight}; a separable convolution's
     * {@code depthwise.weight} and {@code pointwise.weight}); never a Dense layer's {@code layer_norm.weight}.
     */
    static List<String> weights(TorchModule m) {
        List<String> out = new ArrayList<>();
        for (String name : m.paramNames()) {
            if (name.equals("weight") || (name.endsWith(".weight") && !name.startsWith("layer_norm"))) {
                out.add(name);
            }
        }
        return out;
    }

    /** The bias tensors ({@code bias}, a separable convolution's {@code pointwise.bias}). */
    static List<String> biases(TorchModule m) {
        List<String> out = new ArrayList<>();
        for (String name : m.paramNames()) {
            if (name.equals("bias") || name.endsWith(".bias")) {
                out.add(name);
            }
        }
        return out;
    }

    /** Sets every bias of {@code m} to 0 and records it. */
    static void zeroBiases(TorchModule m, Map<String, Double> std) {
        for (String bias : biases(m)) {
            m.fill(bias, Init::zeros);
            std.put(bias, 0.0);
        }
    }

    /** Sets the weights and biases of {@code m} to 0, recording each. */
    static Map<String, Double> zeroAll(TorchModule m) {
        Map<String, Double> std = new LinkedHashMap<>();
        for (String w : weights(m)) {
            m.fill(w, Init::zeros);
            std.put(w, 0.0);
        }
        zeroBiases(m, std);
        return std;
    }

    /** PyTorch's fans of a parameter's PyTorch shape. */
    static Fans fans(TorchModule m, String param) {
        return Fans.of(m.shape(param));
    }

    static String activationName(TorchModule m) {
        return m.layer() instanceof BaseLayer base && base.getActivationFn() != null
                ? base.getActivationFn().toString() : "-";
    }

    /** The modules by name; names are unique in a network (DL4J rejects duplicates). */
    static Map<String, TorchModule> byName(List<TorchModule> modules) {
        Map<String, TorchModule> out = new LinkedHashMap<>();
        for (TorchModule m : modules) {
            out.put(m.name(), m);
        }
        return out;
    }

    /**
     * The module called {@code value}, which {@code argument} names.
     *
     * @throws IllegalArgumentException when the network has no layer of that name
     */
    static TorchModule require(Map<String, TorchModule> modules, String argument, String value) {
        TorchModule m = value == null ? null : modules.get(value);
        if (m == null) {
            throw new IllegalArgumentException(argument + "=" + value + " is not a layer of the network; its layers are "
                    + modules.keySet());
        }
        return m;
    }

    /** Throws when {@code values} is null or holds a null. */
    static void requireElements(String argument, Collection<?> values) {
        if (values == null) {
            throw new IllegalArgumentException(argument + " is null");
        }
        int i = 0;
        for (Object value : values) {
            if (value == null) {
                throw new IllegalArgumentException(argument + "[" + i + "] is null");
            }
            i++;
        }
    }
}
