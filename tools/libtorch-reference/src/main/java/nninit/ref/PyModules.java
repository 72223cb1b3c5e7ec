package nninit.ref;

import static org.bytedeco.pytorch.global.torch.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;

/**
 * The parameters of torch.nn modules as their Python __init__ / reset_parameters (2.10) create them: same
 * creation order, same draws in the same order, and named_parameters() order and names (own parameters in
 * registration order, then submodules, prefixed "sub.").
 *
 * <p>Composed from {@link PyInit} rather than libtorch's C++ modules, whose reset_parameters are separate C++
 * ports (e.g. torch::nn::MultiheadAttention) that are not guaranteed to draw like Python's.
 */
final class PyModules {
    private PyModules() {}

    record Param(String name, Tensor value) {}

    /** Builds the module named by a "module" step; returns its parameters in named_parameters() order. */
    static List<Param> build(String module, JsonNode kw) {
        TensorOptions o = new TensorOptions(LibtorchReference.dtype(kw.get("dtype").asText()));
        List<Param> out = new ArrayList<>();
        switch (module) {
            case "Linear" -> linear(out, "", i(kw, "in_features"), i(kw, "out_features"), b(kw, "bias", true), o);
            case "Bilinear" -> bilinear(out, kw, o);
            case "Conv1d", "Conv2d", "Conv3d" -> conv(out, kw, module.charAt(4) - '0', false, o);
            case "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d" ->
                    conv(out, kw, module.charAt(13) - '0', true, o);
            case "Embedding" -> embedding(out, kw, o);
            case "BatchNorm1d", "BatchNorm2d" -> affineOnesZeros(out, "", i(kw, "num_features"), o);
            case "LayerNorm" -> affineOnesZeros(out, "", i(kw, "normalized_shape"), o);
            case "GroupNorm" -> affineOnesZeros(out, "", i(kw, "num_channels"), o);
            case "PReLU" -> {
                Tensor w = zeros(new long[] {i(kw, "num_parameters", 1)}, o);
                PyInit.constant(w, d(kw, "init", 0.25)); // reset_parameters: init.constant_(weight, init)
                out.add(new Param("weight", w));
            }
            case "RNN" -> rnn(out, kw, 1, o);
            case "LSTM" -> rnn(out, kw, 4, o);
            case "GRU" -> rnn(out, kw, 3, o);
            case "MultiheadAttention" -> mha(out, "", i(kw, "embed_dim"), i(kw, "kdim", -1), i(kw, "vdim", -1),
                    b(kw, "bias", true), b(kw, "add_bias_kv", false), o);
            case "TransformerEncoderLayer" -> transformerLayer(out, kw, false, o);
            case "TransformerDecoderLayer" -> transformerLayer(out, kw, true, o);
            default -> throw new IllegalArgumentException("module " + module);
        }
        return out;
    }

    // ---- building blocks ------------------------------------------------------------------------------

    /** Linear.reset_parameters: kaiming_uniform_(weight, a=sqrt(5)); bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    static void linear(List<Param> out, String prefix, long in, long outF, boolean bias, TensorOptions o) {
        Tensor w = zeros(new long[] {outF, in}, o);
        PyInit.kaimingUniform(w, Math.sqrt(5), "fan_in", "leaky_relu");
        out.add(new Param(prefix + "weight", w));
        if (bias) {
            Tensor bt = zeros(new long[] {outF}, o);
            long fanIn = PyInit.fanInAndFanOut(w)[0];
            // bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0  (the int 0: -bound is +0.0, not -0.0)
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            PyInit.uniform(bt, fanIn > 0 ? -bound : 0.0, bound);
            out.add(new Param(prefix + "bias", bt));
        }
    }

    /** Bilinear: weight and bias both U(-1/sqrt(in1_features), 1/sqrt(in1_features)). */
    static void bilinear(List<Param> out, JsonNode kw, TensorOptions o) {
        long outF = i(kw, "out_features");
        Tensor w = zeros(new long[] {outF, i(kw, "in1_features"), i(kw, "in2_features")}, o);
        double bound = 1 / Math.sqrt(w.size(1));
        PyInit.uniform(w, -bound, bound);
        out.add(new Param("weight", w));
        if (b(kw, "bias", true)) {
            Tensor bt = zeros(new long[] {outF}, o);
            PyInit.uniform(bt, -bound, bound);
            out.add(new Param("bias", bt));
        }
    }

    /** _ConvNd.reset_parameters: kaiming_uniform_(weight, a=sqrt(5)); bias U(+-1/sqrt(fan_in)) if fan_in != 0. */
    static void conv(List<Param> out, JsonNode kw, int n, boolean transposed, TensorOptions o) {
        long in = i(kw, "in_channels");
        long outC = i(kw, "out_channels");
        long groups = i(kw, "groups", 1);
        long[] shape = new long[2 + n];
        // transposed: (in_channels, out_channels // groups, *k); else (out_channels, in_channels // groups, *k)
        shape[0] = transposed ? in : outC;
        shape[1] = transposed ? outC / groups : in / groups;
        JsonNode k = kw.get("kernel_size");
        for (int d = 0; d < n; d++) {
            shape[2 + d] = k.isArray() ? k.get(d).asLong() : k.asLong();
        }
        Tensor w = zeros(shape, o);
        PyInit.kaimingUniform(w, Math.sqrt(5), "fan_in", "leaky_relu");
        out.add(new Param("weight", w));
        if (b(kw, "bias", true)) {
            Tensor bt = zeros(new long[] {outC}, o);
            long fanIn = PyInit.fanInAndFanOut(w)[0];
            if (fanIn != 0) {
                double bound = 1 / Math.sqrt(fanIn);
                PyInit.uniform(bt, -bound, bound);
            }
            out.add(new Param("bias", bt));
        }
    }

    /** Embedding: init.normal_(weight) (N(0, 1)), then the padding_idx row (negative counts from the end) = 0. */
    static void embedding(List<Param> out, JsonNode kw, TensorOptions o) {
        long num = i(kw, "num_embeddings");
        Tensor w = zeros(new long[] {num, i(kw, "embedding_dim")}, o);
        PyInit.normal(w, 0., 1.);
        if (kw.hasNonNull("padding_idx")) {
            long p = kw.get("padding_idx").asLong();
            w.select(0, p < 0 ? num + p : p).fill_(new Scalar(0));
        }
        out.add(new Param("weight", w));
    }

    /** BatchNorm / LayerNorm / GroupNorm: weight ones_, bias zeros_; no draws. */
    static void affineOnesZeros(List<Param> out, String prefix, long n, TensorOptions o) {
        out.add(new Param(prefix + "weight", ones(new long[] {n}, o)));
        out.add(new Param(prefix + "bias", zeros(new long[] {n}, o)));
    }

    /**
     * RNNBase: per layer, per direction: w_ih, w_hh, [b_ih, b_hh], [w_hr]; then reset_parameters draws
     * U(-1/sqrt(hidden), 1/sqrt(hidden)) for every parameter in that same order.
     */
    static void rnn(List<Param> out, JsonNode kw, int gates, TensorOptions o) {
        long input = i(kw, "input_size");
        long hidden = i(kw, "hidden_size");
        long layers = i(kw, "num_layers", 1);
        boolean bias = b(kw, "bias", true);
        int dirs = b(kw, "bidirectional", false) ? 2 : 1;
        long proj = i(kw, "proj_size", 0);
        long gate = gates * hidden;
        long real = proj > 0 ? proj : hidden;
        for (long layer = 0; layer < layers; layer++) {
            for (int dir = 0; dir < dirs; dir++) {
                long layerInput = layer == 0 ? input : real * dirs;
                String sfx = "_l" + layer + (dir == 1 ? "_reverse" : "");
                out.add(new Param("weight_ih" + sfx, zeros(new long[] {gate, layerInput}, o)));
                out.add(new Param("weight_hh" + sfx, zeros(new long[] {gate, real}, o)));
                if (bias) {
                    out.add(new Param("bias_ih" + sfx, zeros(new long[] {gate}, o)));
                    out.add(new Param("bias_hh" + sfx, zeros(new long[] {gate}, o)));
                }
                if (proj > 0) {
                    out.add(new Param("weight_hr" + sfx, zeros(new long[] {proj, hidden}, o)));
                }
            }
        }
        double stdv = hidden > 0 ? 1.0 / Math.sqrt(hidden) : 0;
        for (Param p : out) {
            PyInit.uniform(p.value(), -stdv, stdv);
        }
    }

    /**
     * MultiheadAttention.__init__: the out_proj Linear is constructed (and draws) first, then
     * _reset_parameters: xavier_uniform_ on in_proj_weight (or q/k/v_proj_weight), zero in_proj_bias and
     * out_proj.bias, xavier_normal_ on bias_k then bias_v. named_parameters: own ones, then out_proj.*.
     */
    static void mha(List<Param> out, String prefix, long e, long kdim, long vdim, boolean bias, boolean biasKv,
                    TensorOptions o) {
        kdim = kdim < 0 ? e : kdim;
        vdim = vdim < 0 ? e : vdim;
        boolean same = kdim == e && vdim == e;
        List<Param> own = new ArrayList<>();
        if (same) {
            own.add(new Param(prefix + "in_proj_weight", zeros(new long[] {3 * e, e}, o)));
        } else {
            own.add(new Param(prefix + "q_proj_weight", zeros(new long[] {e, e}, o)));
            own.add(new Param(prefix + "k_proj_weight", zeros(new long[] {e, kdim}, o)));
            own.add(new Param(prefix + "v_proj_weight", zeros(new long[] {e, vdim}, o)));
        }
        int nWeights = own.size();
        Tensor inProjBias = null;
        if (bias) {
            inProjBias = zeros(new long[] {3 * e}, o);
            own.add(new Param(prefix + "in_proj_bias", inProjBias));
        }
        List<Param> outProj = new ArrayList<>();
        linear(outProj, prefix + "out_proj.", e, e, bias, o); // draws now, in __init__
        Tensor biasK = null;
        Tensor biasV = null;
        if (biasKv) {
            biasK = zeros(new long[] {1, 1, e}, o);
            biasV = zeros(new long[] {1, 1, e}, o);
            own.add(new Param(prefix + "bias_k", biasK));
            own.add(new Param(prefix + "bias_v", biasV));
        }
        // _reset_parameters
        for (int w = 0; w < nWeights; w++) {
            PyInit.xavierUniform(own.get(w).value(), 1.);
        }
        if (inProjBias != null) {
            PyInit.constant(inProjBias, 0.);
            PyInit.constant(outProj.get(1).value(), 0.);
        }
        if (biasK != null) {
            PyInit.xavierNormal(biasK, 1.);
        }
        if (biasV != null) {
            PyInit.xavierNormal(biasV, 1.);
        }
        out.addAll(own);
        out.addAll(outProj);
    }

    /**
     * TransformerEncoderLayer: self_attn, linear1, linear2, norm1, norm2 (in that order).
     * TransformerDecoderLayer: self_attn, multihead_attn, linear1, linear2, norm1, norm2, norm3.
     */
    static void transformerLayer(List<Param> out, JsonNode kw, boolean decoder, TensorOptions o) {
        long d = i(kw, "d_model");
        long ff = i(kw, "dim_feedforward", 2048);
        boolean bias = b(kw, "bias", true);
        mha(out, "self_attn.", d, -1, -1, bias, false, o);
        if (decoder) {
            mha(out, "multihead_attn.", d, -1, -1, bias, false, o);
        }
        linear(out, "linear1.", d, ff, bias, o);
        linear(out, "linear2.", ff, d, bias, o);
        for (int n = 1; n <= (decoder ? 3 : 2); n++) {
            out.add(new Param("norm" + n + ".weight", ones(new long[] {d}, o)));
            if (bias) {
                out.add(new Param("norm" + n + ".bias", zeros(new long[] {d}, o)));
            }
        }
    }

    // ---- kwargs ---------------------------------------------------------------------------------------

    static long i(JsonNode kw, String k) {
        if (!kw.hasNonNull(k)) {
            throw new IllegalArgumentException("missing " + k);
        }
        return kw.get(k).asLong();
    }

    static long i(JsonNode kw, String k, long def) {
        return kw.hasNonNull(k) ? kw.get(k).asLong() : def;
    }

    static double d(JsonNode kw, String k, double def) {
        return kw.hasNonNull(k) ? kw.get(k).asDouble() : def;
    }

    static boolean b(JsonNode kw, String k, boolean def) {
        return kw.hasNonNull(k) ? kw.get(k).asBoolean() : def;
    }
}
