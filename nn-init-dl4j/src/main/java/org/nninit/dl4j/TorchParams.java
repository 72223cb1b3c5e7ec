package org.nninit.dl4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nninit.dl4j.weights.TorchLayout;

/**
 * The PyTorch parameters of a DL4J layer, in PyTorch's registration order, bound to DL4J's parameter views: one
 * binder per layer kind, chosen by {@link LayerKind} (its table lists every kind's names and layouts; each
 * binding is verified by {@code LayerForwardTest}'s forward pass against real PyTorch).
 */
final class TorchParams {

    private TorchParams() {
    }

    /** Torch name to binding, in registration order; empty for layers without a PyTorch equivalent. */
    static Map<String, ParamBinding> of(Layer conf, Map<String, INDArray> raw) {
        return LayerKind.of(conf).bind(raw);
    }

    /** Linear: {@code weight [out,in]} is DL4J's f-order {@code W [in,out]} read row-major. */
    static Map<String, ParamBinding> linear(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        if (raw.containsKey("W")) {
            out.put("weight", new ViewBinding("weight", transposed(raw.get("W"))));
            putVector(out, "bias", raw.get("b"));
            putVector(out, "layer_norm.weight", raw.get("g"));
        }
        return out;
    }

    /** Depthwise Conv2d then a 1x1 Conv2d; DL4J's {@code W [dm, nIn, kH, kW]} has PyTorch channel o = i*dm + m. */
    static Map<String, ParamBinding> separable(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        INDArray dw = raw.get("W");
        long dm = dw.size(0);
        long nIn = dw.size(1);
        out.put("depthwise.weight", new ViewBinding("depthwise.weight", dw.permute(1, 0, 2, 3),
                new long[] {nIn * dm, 1, dw.size(2), dw.size(3)}));
        out.put("pointwise.weight", new ViewBinding("pointwise.weight", raw.get("pW")));
        putVector(out, "pointwise.bias", raw.get("b"));
        return out;
    }

    /** Grouped Conv2d; DL4J's {@code W [kH, kW, nIn, dm]} has PyTorch channel o = i*dm + m. */
    static Map<String, ParamBinding> depthwise(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        INDArray w = raw.get("W");
        long[] torchShape = {w.size(2) * w.size(3), 1, w.size(0), w.size(1)};
        INDArray permuted = w.permute(2, 3, 0, 1);
        INDArray merged = Shape.newShapeNoCopy(permuted, torchShape, false);
        out.put("weight", new ViewBinding("weight", merged != null ? merged : permuted, torchShape));
        putVector(out, "bias", raw.get("b"));
        return out;
    }

    /** ConvTranspose3d {@code [in, out, kD, kH, kW]} from DL4J's {@code [kD, kH, kW, out, in]}. */
    static Map<String, ParamBinding> deconv3d(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        INDArray w = raw.get("W").permute(4, 3, 0, 1, 2);
        out.put("weight", new ViewBinding("weight", w, w.shape()));
        putVector(out, "bias", raw.get("b"));
        return out;
    }

    /** Conv1d {@code [out, in, k]}: the buffer DL4J's forward pass reads as {@code [k, in, out]}. */
    static Map<String, ParamBinding> conv1d(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        out.put("weight", new ViewBinding("weight", TorchLayout.conv1dWeight(raw.get("W"))));
        putVector(out, "bias", raw.get("b"));
        return out;
    }

    /** Conv2d, Conv3d, ConvTranspose2d: DL4J stores PyTorch's own layout. */
    static Map<String, ParamBinding> conv(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        out.put("weight", new ViewBinding("weight", raw.get("W")));
        putVector(out, "bias", raw.get("b"));
        return out;
    }

    /** BatchNorm: running_var translated from DL4J's log10 std when DL4J stores that. */
    static Map<String, ParamBinding> batchNorm(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        putVector(out, "weight", raw.get("gamma"));
        putVector(out, "bias", raw.get("beta"));
        putVector(out, "running_mean", raw.get("mean"));
        if (raw.containsKey("var")) {
            putVector(out, "running_var", raw.get("var"));
        } else if (raw.containsKey("log10stdev")) {
            out.put("running_var", new Log10StdBinding(vector(raw.get("log10stdev"))));
        }
        return out;
    }

    /** Embedding {@code [vocab, dim]}; a DL4J bias has no PyTorch twin and stays under its key. */
    static Map<String, ParamBinding> embedding(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        out.put("weight", new ViewBinding("weight", raw.get("W")));
        return out;
    }

    /** LSTM: DL4J's gate blocks (g, f, o, i) read in PyTorch's order (i, f, g, o). */
    static Map<String, ParamBinding> lstm(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        out.put("weight_ih", new GateBinding("weight_ih", transposed(raw.get("W"))));
        out.put("weight_hh", new GateBinding("weight_hh", transposed(raw.get("RW"))));
        out.put("bias", new GateBinding("bias", vector(raw.get("b"))));
        return out;
    }

    /** RNN. DL4J: h_t = x W + h_{t-1} RW + b; PyTorch: x W_ih^T + h W_hh^T + b_ih + b_hh. */
    static Map<String, ParamBinding> rnn(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        out.put("weight_ih", new ViewBinding("weight_ih", transposed(raw.get("W"))));
        out.put("weight_hh", new ViewBinding("weight_hh", transposed(raw.get("RW"))));
        putVector(out, "bias", raw.get("b"));
        return out;
    }

    /** MultiheadAttention; nothing without projections ({@code projectInput(false)}). */
    static Map<String, ParamBinding> attention(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        if (raw.containsKey("Wq")) {
            INDArray q = heads(raw.get("Wq"));
            INDArray k = heads(raw.get("Wk"));
            INDArray v = heads(raw.get("Wv"));
            out.put("in_proj_weight", new StackBinding("in_proj_weight", List.of(q, k, v)));
            out.put("out_proj.weight", new ViewBinding("out_proj.weight", transposed(raw.get("Wo"))));
            out.put("q_proj_weight", new ViewBinding("q_proj_weight", q));
            out.put("k_proj_weight", new ViewBinding("k_proj_weight", k));
            out.put("v_proj_weight", new ViewBinding("v_proj_weight", v));
        }
        return out;
    }

    /** PReLU: PyTorch's weight is per channel; a weight with several non-unit axes has no PyTorch twin. */
    static Map<String, ParamBinding> prelu(Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        INDArray w = raw.get("W");
        if (w != null && Arrays.stream(w.shape()).filter(d -> d != 1).count() <= 1) {
            out.put("weight", new ViewBinding("weight", w.reshape(w.ordering(), new long[] {w.length()})));
        }
        return out;
    }

    /** No PyTorch parameters. */
    static Map<String, ParamBinding> none(Map<String, INDArray> raw) {
        return new LinkedHashMap<>();
    }

    /**
     * The transpose of a contiguous 2-D view as a view that is not a permutation: DL4J's f-order [a, b] buffer
     * read as a c-order [b, a] (and the reverse). ND4J M2.1's sub-array indexing ({@code get}) on a permuted
     * view at a non-zero buffer offset returns empty or misplaced arrays; on a reshaped view it works.
     */
    static INDArray transposed(INDArray m) {
        long rows = m.size(0);
        long cols = m.size(1);
        if (Shape.hasDefaultStridesForShape(m) && (m.ordering() == 'f' || m.ordering() == 'c')) {
            char other = m.ordering() == 'f' ? 'c' : 'f';
            return m.reshape(m.ordering(), new long[] {m.length()}).reshape(other, new long[] {cols, rows});
        }
        return m.transpose();
    }

    /** [nHeads, headSize, nIn] c as the [nHeads*headSize, nIn] rows PyTorch stacks. */
    private static INDArray heads(INDArray w) {
        return w.reshape('c', new long[] {w.size(0) * w.size(1), w.size(2)});
    }

    private static void putVector(Map<String, ParamBinding> out, String name, INDArray raw) {
        if (raw != null) {
            out.put(name, new ViewBinding(name, vector(raw)));
        }
    }

    /** A rank-1 view (DL4J keeps some vectors as [1, n]); never {@code reshape(order, n)}, which means [order, n]. */
    private static INDArray vector(INDArray raw) {
        return raw.rank() == 1 ? raw : raw.reshape(raw.ordering(), new long[] {raw.length()});
    }
}
