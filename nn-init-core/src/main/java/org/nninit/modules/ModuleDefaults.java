package org.nninit.modules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.FanMode;
import org.nninit.Fans;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.random.Generator;

/**
 * What PyTorch's modules do to their parameters when they are built ({@code reset_parameters()}), at tensor
 * level: the caller hands over the parameters in PyTorch layout and these methods draw in PyTorch's order.
 * With a {@link org.nninit.random.TorchGenerator} seeded like {@code torch.manual_seed(s)}, a module built
 * right after seeding gets PyTorch's exact initial values.
 *
 * <pre>{@code
 * Generator gen = new TorchGenerator(0);                       // torch.manual_seed(0)
 * ModuleDefaults.linear(fc1Weight, fc1Bias, gen);              // nn.Linear(784, 256)
 * ModuleDefaults.linear(fc2Weight, fc2Bias, gen);              // nn.Linear(256, 10)
 * }</pre>
 */
public final class ModuleDefaults {

    private ModuleDefaults() {
    }

    /**
     * {@code nn.Linear}: weight {@code kaiming_uniform_(a=sqrt(5))}, i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)), then
     * bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)) (bound 0 when fanIn is 0).
     *
     * @param weight [out, in]
     * @param bias   [out], or {@code null} for {@code bias=False}
     */
    public static void linear(INDArray weight, INDArray bias, Generator generator) {
        checkLinear("weight", weight, "bias", bias);
        weightThenBias(weight, bias, generator);
    }

    private static void checkLinear(String weightName, INDArray weight, String biasName, INDArray bias) {
        requireParameter(weightName, weight, false);
        if (weight.rank() != 2) {
            throw new IllegalArgumentException(weightName + " must be a 2-D [out, in] array, but found " + weightName
                    + ".shape=" + Arrays.toString(weight.shape()));
        }
        requireVector(biasName, bias, weight.size(0));
    }

    /**
     * {@code nn.Conv1d/2d/3d} and {@code nn.ConvTranspose1d/2d/3d}: the same rule as {@link #linear}, with fanIn
     * from the weight by PyTorch's fan rule (for a transposed convolution's {@code [in, out/groups, k...]}
     * weight that is {@code out/groups * prod(k)}, PyTorch's quirk).
     *
     * @param weight [out, in/groups, k...] or, transposed, [in, out/groups, k...]
     * @param bias   [out], or {@code null}
     */
    public static void conv(INDArray weight, INDArray bias, Generator generator) {
        requireParameter("weight", weight, false);
        requireRankAtLeast2(weight);
        // [out] for a convolution, [out/groups * groups] for a transposed one: the groups are not known here.
        requireVector("bias", bias, -1);
        weightThenBias(weight, bias, generator);
    }

    private static void weightThenBias(INDArray weight, INDArray bias, Generator generator) {
        Init.kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
        if (bias != null) {
            long fanIn = Fans.of(weight).fanIn();
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform(bias, -bound, bound, generator);
        }
    }

    /**
     * {@code nn.Embedding}: weight N(0, 1), then the padding row set to 0.
     *
     * @param weight     [numEmbeddings, embeddingDim]
     * @param paddingIdx the padding row, negative counting from the end as in PyTorch, or {@code null}
     * @throws IllegalArgumentException when paddingIdx is outside [-numEmbeddings, numEmbeddings)
     */
    public static void embedding(INDArray weight, Integer paddingIdx, Generator generator) {
        requireParameter("weight", weight, false);
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("weight must be a 2-D [numEmbeddings, embeddingDim] array, but found "
                    + Arrays.toString(weight.shape()));
        }
        long numEmbeddings = weight.size(0);
        Long row = null;
        if (paddingIdx != null) {
            if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
                throw new IllegalArgumentException("Padding_idx must be within num_embeddings, but found paddingIdx="
                        + paddingIdx + " for numEmbeddings=" + numEmbeddings);
            }
            row = paddingIdx < 0 ? numEmbeddings + paddingIdx : paddingIdx;
        }
        Init.normal(weight, 0, 1, generator);
        if (row != null) {
            weight.getRow(row).assign(0);
        }
    }

    /**
     * {@code nn.BatchNorm1d/2d/3d}: running mean 0, running variance 1, weight 1, bias 0. No draws.
     * Any argument may be {@code null} ({@code affine=False} or {@code track_running_stats=False}).
     */
    public static void batchNorm(INDArray weight, INDArray bias, INDArray runningMean, INDArray runningVar) {
        requireSameLength(new String[] {"weight", "bias", "runningMean", "runningVar"},
                weight, bias, runningMean, runningVar);
        fillIfPresent(runningMean, 0);
        fillIfPresent(runningVar, 1);
        fillIfPresent(weight, 1);
        fillIfPresent(bias, 0);
    }

    /** {@code nn.LayerNorm} and {@code nn.GroupNorm}: weight 1, bias 0 (either may be {@code null}). No draws. */
    public static void layerNorm(INDArray weight, INDArray bias) {
        requireSameLength(new String[] {"weight", "bias"}, weight, bias);
        fillIfPresent(weight, 1);
        fillIfPresent(bias, 0);
    }

    /**
     * {@code nn.RNN}, {@code nn.LSTM}, {@code nn.GRU} (and their cells): every parameter U(-1/sqrt(hidden),
     * 1/sqrt(hidden)), drawn in registration order: for each layer and direction {@code weight_ih},
     * {@code weight_hh}, {@code bias_ih}, {@code bias_hh} (then {@code weight_hr} with a projection).
     *
     * @param parameters the parameters in PyTorch's registration order ({@code module.parameters()})
     * @param hiddenSize the module's {@code hidden_size}
     */
    public static void recurrent(List<INDArray> parameters, long hiddenSize, Generator generator) {
        if (hiddenSize < 0) {
            throw new IllegalArgumentException("hiddenSize must be >= 0, but found hiddenSize=" + hiddenSize);
        }
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must be the module's parameters, but found null");
        }
        for (int i = 0; i < parameters.size(); i++) {
            requireParameter("parameters[" + i + "]", parameters.get(i), false);
        }
        double bound = hiddenSize > 0 ? 1 / Math.sqrt(hiddenSize) : 0;
        for (INDArray parameter : parameters) {
            Init.uniform(parameter, -bound, bound, generator);
        }
    }

    /**
     * {@code nn.MultiheadAttention} with packed projections ({@code kdim = vdim = embed_dim}). The module builds
     * its output projection, a Linear, first, so its default weight and bias draws come first; then
     * {@code xavier_uniform_} on the packed in-projection; then both biases are set to 0.
     *
     * @param inProjWeight  [3E, E] (q, k, v rows stacked)
     * @param inProjBias    [3E], or {@code null} for {@code bias=False}
     * @param outProjWeight [E, E]
     * @param outProjBias   [E], or {@code null} for {@code bias=False}
     */
    public static void multiheadAttention(INDArray inProjWeight, INDArray inProjBias, INDArray outProjWeight,
                                          INDArray outProjBias, Generator generator) {
        multiheadAttention(inProjWeight == null ? null : List.of(inProjWeight), inProjBias, outProjWeight,
                outProjBias, null, null, generator);
    }

    /**
     * {@code nn.MultiheadAttention} in full: packed ({@code kdim = vdim = embed_dim}, one [3E, E] weight) or
     * separate ({@code q_proj_weight}, {@code k_proj_weight}, {@code v_proj_weight}, each initialised by its own
     * {@code xavier_uniform_} in that order), with or without {@code add_bias_kv}. Draw order, as in
     * PyTorch's {@code __init__} then {@code _reset_parameters}: out-projection weight and bias (a Linear),
     * in-projection weight(s), then {@code xavier_normal_} on {@code bias_k} and on {@code bias_v}.
     *
     * <pre>{@code
     * ModuleDefaults.multiheadAttention(List.of(q, k, v), inBias, outW, outB, biasK, biasV, gen);
     * }</pre>
     *
     * @param inProjWeights [3E, E] alone, or the q, k, v projection weights
     * @param biasK         [1, 1, E], or {@code null} without {@code add_bias_kv}
     * @param biasV         [1, 1, E], or {@code null}
     */
    public static void multiheadAttention(List<INDArray> inProjWeights, INDArray inProjBias, INDArray outProjWeight,
                                          INDArray outProjBias, INDArray biasK, INDArray biasV,
                                          Generator generator) {
        if (inProjWeights == null || (inProjWeights.size() != 1 && inProjWeights.size() != 3)) {
            throw new IllegalArgumentException("inProjWeights must hold the packed weight or q, k, v weights, but found "
                    + (inProjWeights == null ? "null" : inProjWeights.size() + " arrays"));
        }
        requireAttentionShapes(inProjWeights, inProjBias, outProjWeight, outProjBias, biasK, biasV);
        linear(outProjWeight, outProjBias, generator);
        for (INDArray weight : inProjWeights) {
            Init.xavierUniform(weight, 1.0, generator);
        }
        if (inProjBias != null) {
            Init.zeros(inProjBias);
            if (outProjBias != null) {
                Init.zeros(outProjBias);
            }
        }
        if (biasK != null) {
            Init.xavierNormal(biasK, 1.0, generator);
        }
        if (biasV != null) {
            Init.xavierNormal(biasV, 1.0, generator);
        }
    }

    /**
     * {@code nn.Bilinear}: weight then bias, each U(-1/sqrt(in1), 1/sqrt(in1)) with {@code in1 = weight.size(1)}.
     *
     * <pre>{@code
     * ModuleDefaults.bilinear(Nd4j.create(DataType.FLOAT, 3, 5, 4), Nd4j.create(DataType.FLOAT, 3), gen);  // nn.Bilinear(5, 4, 3)
     * }</pre>
     *
     * @param weight [out, in1, in2]
     * @param bias   [out], or {@code null} for {@code bias=False}
     */
    public static void bilinear(INDArray weight, INDArray bias, Generator generator) {
        requireParameter("weight", weight, false);
        if (weight.rank() != 3) {
            throw new IllegalArgumentException("weight must be a 3-D [out, in1, in2] array, but found weight.shape="
                    + Arrays.toString(weight.shape()));
        }
        requireVector("bias", bias, weight.size(0));
        double bound = weight.size(1) > 0 ? 1 / Math.sqrt(weight.size(1)) : 0;
        Init.uniform(weight, -bound, bound, generator);
        if (bias != null) {
            Init.uniform(bias, -bound, bound, generator);
        }
    }

    /**
     * {@code nn.PReLU(num_parameters, init)}: every slope set to {@code init} (PyTorch's default 0.25). No draws.
     *
     * @param weight [num_parameters]
     */
    public static void prelu(INDArray weight, double init) {
        requireParameter("weight", weight, false);
        if (!Double.isFinite(init)) {
            throw new IllegalArgumentException("init must be finite, but found init=" + init);
        }
        Init.constant(weight, init);
    }

    /**
     * {@code nn.MultiheadAttention}, from its parameters as {@code named_parameters()} names them:
     * {@code in_proj_weight} (or {@code q_proj_weight}, {@code k_proj_weight}, {@code v_proj_weight} when
     * {@code kdim}/{@code vdim} differ from {@code embed_dim}), {@code in_proj_bias}, {@code bias_k},
     * {@code bias_v}, {@code out_proj.weight}, {@code out_proj.bias}; absent ones are left out of the map.
     * Same draws as {@link #multiheadAttention(List, INDArray, INDArray, INDArray, INDArray, INDArray, Generator)}.
     *
     * @throws IllegalArgumentException when {@code out_proj.weight} or the in-projection weight(s) are missing
     */
    public static void multiheadAttention(Map<String, INDArray> params, Generator generator) {
        multiheadAttention(params, "", generator);
    }

    /**
     * {@code nn.TransformerEncoderLayer}: {@code self_attn} (a {@link #multiheadAttention(Map, Generator)}), then
     * {@code linear1} and {@code linear2} (each a {@link #linear}), in construction order; {@code norm1},
     * {@code norm2} weight 1, bias 0. Keys are {@code named_parameters()} names, e.g. {@code self_attn.in_proj_weight}.
     *
     * @throws IllegalArgumentException when a weight is missing from {@code params}
     */
    public static void transformerEncoderLayer(Map<String, INDArray> params, Generator generator) {
        transformerLayer(params, List.of("self_attn."), generator);
    }

    /**
     * {@code nn.TransformerDecoderLayer}: {@code self_attn}, {@code multihead_attn}, {@code linear1},
     * {@code linear2} in construction order; {@code norm1..3} weight 1, bias 0.
     *
     * @throws IllegalArgumentException when a weight is missing from {@code params}
     */
    public static void transformerDecoderLayer(Map<String, INDArray> params, Generator generator) {
        transformerLayer(params, List.of("self_attn.", "multihead_attn."), generator);
    }

    private static void transformerLayer(Map<String, INDArray> params, List<String> attentions, Generator generator) {
        // Everything is checked before the first draw, so that a bad parameter leaves all of them untouched.
        for (String attention : attentions) {
            attentionParameters(params, attention).check();
        }
        checkLinear("linear1.weight", required(params, "linear1.weight"), "linear1.bias", params.get("linear1.bias"));
        checkLinear("linear2.weight", required(params, "linear2.weight"), "linear2.bias", params.get("linear2.bias"));
        for (int i = 1; i <= attentions.size() + 1; i++) {
            requireSameLength(new String[] {"norm" + i + ".weight", "norm" + i + ".bias"},
                    params.get("norm" + i + ".weight"), params.get("norm" + i + ".bias"));
        }
        for (String attention : attentions) {
            multiheadAttention(params, attention, generator);
        }
        linear(required(params, "linear1.weight"), params.get("linear1.bias"), generator);
        linear(required(params, "linear2.weight"), params.get("linear2.bias"), generator);
        for (int i = 1; i <= attentions.size() + 1; i++) {
            layerNorm(params.get("norm" + i + ".weight"), params.get("norm" + i + ".bias"));
        }
    }

    private static void multiheadAttention(Map<String, INDArray> params, String prefix, Generator generator) {
        AttentionParameters p = attentionParameters(params, prefix);
        multiheadAttention(p.inProj, p.inBias, p.outWeight, p.outBias, p.biasK, p.biasV, generator);
    }

    /** One attention module's parameters, looked up by their {@code named_parameters()} names. */
    private record AttentionParameters(List<INDArray> inProj, INDArray inBias, INDArray outWeight, INDArray outBias,
                                       INDArray biasK, INDArray biasV) {
        void check() {
            requireAttentionShapes(inProj, inBias, outWeight, outBias, biasK, biasV);
        }
    }

    private static AttentionParameters attentionParameters(Map<String, INDArray> params, String prefix) {
        if (params == null) {
            throw new IllegalArgumentException("params must map parameter names to arrays, but found null");
        }
        List<INDArray> inProj = params.containsKey(prefix + "in_proj_weight")
                ? List.of(required(params, prefix + "in_proj_weight"))
                : List.of(required(params, prefix + "q_proj_weight"), required(params, prefix + "k_proj_weight"),
                        required(params, prefix + "v_proj_weight"));
        return new AttentionParameters(inProj, params.get(prefix + "in_proj_bias"),
                required(params, prefix + "out_proj.weight"), params.get(prefix + "out_proj.bias"),
                params.get(prefix + "bias_k"), params.get(prefix + "bias_v"));
    }

    /**
     * {@code embed_dim} E from the out-projection [E, E]; the packed in-projection [3E, E], or q [E, E], k [E, kdim],
     * v [E, vdim]; biases [3E] and [E]; bias_k, bias_v [1, 1, E].
     */
    private static void requireAttentionShapes(List<INDArray> inProj, INDArray inBias, INDArray outWeight,
                                               INDArray outBias, INDArray biasK, INDArray biasV) {
        requireParameter("outProjWeight", outWeight, false);
        long e = outWeight.size(0);
        if (outWeight.rank() != 2 || outWeight.size(1) != e) {
            throw new IllegalArgumentException("outProjWeight must be [E, E], but found outProjWeight.shape="
                    + Arrays.toString(outWeight.shape()));
        }
        for (int i = 0; i < inProj.size(); i++) {
            INDArray w = inProj.get(i);
            String name = inProj.size() == 1 ? "inProjWeight" : new String[] {"qProjWeight", "kProjWeight",
                "vProjWeight"}[i];
            requireParameter(name, w, false);
            long rows = inProj.size() == 1 ? 3 * e : e;
            if (w.rank() != 2 || w.size(0) != rows || (inProj.size() == 1 || i == 0) && w.size(1) != e) {
                throw new IllegalArgumentException(name + " must be [" + rows + ", " + (i == 0 ? e : "dim")
                        + "] for embed_dim " + e + ", but found " + name + ".shape=" + Arrays.toString(w.shape()));
            }
        }
        requireVector("inProjBias", inBias, 3 * e);
        requireVector("outProjBias", outBias, e);
        for (String name : new String[] {"biasK", "biasV"}) {
            INDArray b = name.equals("biasK") ? biasK : biasV;
            requireParameter(name, b, true);
            if (b != null && (b.length() != e || b.rank() != 3)) {
                throw new IllegalArgumentException(name + " must be [1, 1, " + e + "], but found " + name + ".shape="
                        + Arrays.toString(b.shape()));
            }
        }
    }

    private static INDArray required(Map<String, INDArray> params, String name) {
        INDArray tensor = params == null ? null : params.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("params must hold \"" + name + "\", but found keys "
                    + (params == null ? "null" : params.keySet()));
        }
        return tensor;
    }

    private static void fillIfPresent(INDArray tensor, double value) {
        if (tensor != null) {
            Init.constant(tensor, value);
        }
    }

    private static final java.util.Set<org.nd4j.linalg.api.buffer.DataType> FLOATING = java.util.EnumSet.of(
            org.nd4j.linalg.api.buffer.DataType.FLOAT, org.nd4j.linalg.api.buffer.DataType.DOUBLE,
            org.nd4j.linalg.api.buffer.DataType.HALF, org.nd4j.linalg.api.buffer.DataType.BFLOAT16);

    /** Present (unless {@code optional}) and of a floating-point type. */
    private static void requireParameter(String name, INDArray tensor, boolean optional) {
        if (tensor == null) {
            if (optional) {
                return;
            }
            throw new IllegalArgumentException(name + " must be an array, but found " + name + "=null");
        }
        if (!FLOATING.contains(tensor.dataType())) {
            throw new IllegalArgumentException(name + " must be FLOAT, DOUBLE, HALF or BFLOAT16, but found " + name
                    + ".dataType=" + tensor.dataType());
        }
    }

    /** Absent, or a floating-point vector of {@code length} elements ({@code length < 0}: any). */
    private static void requireVector(String name, INDArray tensor, long length) {
        requireParameter(name, tensor, true);
        if (tensor != null && (tensor.rank() > 1 && tensor.length() != Math.max(tensor.size(0), tensor.size(-1))
                || length >= 0 && tensor.length() != length)) {
            throw new IllegalArgumentException(name + " must be a vector of " + (length >= 0 ? length : "out")
                    + " elements, but found " + name + ".shape=" + Arrays.toString(tensor.shape()));
        }
    }

    /** Each present one floating-point, all present ones of one length. */
    private static void requireSameLength(String[] names, INDArray... tensors) {
        long length = -1;
        for (int i = 0; i < tensors.length; i++) {
            requireParameter(names[i], tensors[i], true);
            if (tensors[i] == null) {
                continue;
            }
            if (length >= 0 && tensors[i].length() != length) {
                throw new IllegalArgumentException(names[i] + " must have " + length + " elements like the others, but"
                        + " found " + names[i] + ".shape=" + Arrays.toString(tensors[i].shape()));
            }
            length = tensors[i].length();
        }
    }

    private static void requireRankAtLeast2(INDArray weight) {
        if (weight.rank() < 2) {
            throw new IllegalArgumentException("weight must have at least 2 dimensions, but found "
                    + Arrays.toString(weight.shape()));
        }
    }
}
