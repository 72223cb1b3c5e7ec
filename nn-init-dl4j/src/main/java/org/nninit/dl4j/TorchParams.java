package org.nninit.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nninit.dl4j.weights.TorchLayout;

/**
 * The PyTorch parameters of a DL4J layer, in PyTorch's registration order, bound to DL4J's parameter views.
 *
 * <table>
 *   <caption>DL4J layer to PyTorch module</caption>
 *   <tr><th>DL4J</th><th>PyTorch names (shape)</th></tr>
 *   <tr><td>DenseLayer, OutputLayer (any BaseOutputLayer)</td><td>weight [out,in] = Wᵀ, bias; layer_norm.weight = g</td></tr>
 *   <tr><td>ConvolutionLayer, Convolution3D, Deconvolution2D</td><td>weight (DL4J's own layout), bias</td></tr>
 *   <tr><td>Convolution1DLayer</td><td>weight [out,in,k] (DL4J declares [out,in,k,1] but its forward pass reads the buffer as [k,in,out]), bias</td></tr>
 *   <tr><td>Deconvolution3D</td><td>weight [in,out,kD,kH,kW] (a permuted view of [kD,kH,kW,out,in]), bias</td></tr>
 *   <tr><td>DepthwiseConvolution2D</td><td>weight [nIn·dm,1,kH,kW] (from [kH,kW,nIn,dm]), bias</td></tr>
 *   <tr><td>SeparableConvolution2D</td><td>depthwise.weight [nIn·dm,1,kH,kW] (no view), pointwise.weight, pointwise.bias</td></tr>
 *   <tr><td>BatchNormalization</td><td>weight, bias, running_mean, running_var (no view when useLogStd)</td></tr>
 *   <tr><td>EmbeddingLayer, EmbeddingSequenceLayer</td><td>weight [vocab, dim]</td></tr>
 *   <tr><td>LSTM</td><td>weight_ih [4H,in], weight_hh [4H,H], bias [4H] = bias_ih + bias_hh (gate-reordered)</td></tr>
 *   <tr><td>SimpleRnn</td><td>weight_ih [H,in], weight_hh [H,H], bias [H] = bias_ih + bias_hh</td></tr>
 *   <tr><td>SelfAttentionLayer, LearnedSelfAttentionLayer</td><td>in_proj_weight [3E,nIn] (no view), out_proj.weight = Woᵀ,
 *       q_proj_weight, k_proj_weight, v_proj_weight</td></tr>
 *   <tr><td>PReLULayer (one non-unit axis)</td><td>weight [C]</td></tr>
 * </table>
 */
final class TorchParams {

    private TorchParams() {
    }

    /** Torch name to binding, in registration order; empty for layers without a PyTorch equivalent. */
    static Map<String, ParamBinding> of(Layer conf, Map<String, INDArray> raw) {
        Map<String, ParamBinding> out = new LinkedHashMap<>();
        if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
            if (raw.containsKey("W")) {
                out.put("weight", new ViewBinding("weight", transposed(raw.get("W"))));
                putVector(out, "bias", raw.get("b"));
                putVector(out, "layer_norm.weight", raw.get("g"));
            }
        } else if (conf instanceof SeparableConvolution2D) {
            INDArray dw = raw.get("W");   // [dm, nIn, kH, kW]; torch channel o = i*dm + m
            long dm = dw.size(0);
            long nIn = dw.size(1);
            out.put("depthwise.weight", new ViewBinding("depthwise.weight", dw.permute(1, 0, 2, 3),
                    new long[] {nIn * dm, 1, dw.size(2), dw.size(3)}));
            out.put("pointwise.weight", new ViewBinding("pointwise.weight", raw.get("pW")));
            putVector(out, "pointwise.bias", raw.get("b"));
        } else if (conf instanceof DepthwiseConvolution2D) {
            INDArray w = raw.get("W");   // [kH, kW, nIn, dm]; torch channel o = i*dm + m
            long[] torchShape = {w.size(2) * w.size(3), 1, w.size(0), w.size(1)};
            INDArray permuted = w.permute(2, 3, 0, 1);
            INDArray merged = Shape.newShapeNoCopy(permuted, torchShape, false);
            out.put("weight", new ViewBinding("weight", merged != null ? merged : permuted, torchShape));
            putVector(out, "bias", raw.get("b"));
        } else if (conf instanceof Deconvolution3D) {
            INDArray w = raw.get("W").permute(4, 3, 0, 1, 2);
            out.put("weight", new ViewBinding("weight", w, w.shape()));
            putVector(out, "bias", raw.get("b"));
        } else if (conf instanceof Convolution1DLayer) {
            out.put("weight", new ViewBinding("weight", TorchLayout.conv1dWeight(raw.get("W"))));
            putVector(out, "bias", raw.get("b"));
        } else if (conf instanceof ConvolutionLayer) {   // Convolution2D/3D, Deconvolution2D: torch's own layouts
            out.put("weight", new ViewBinding("weight", raw.get("W")));
            putVector(out, "bias", raw.get("b"));
        } else if (conf instanceof BatchNormalization) {
            putVector(out, "weight", raw.get("gamma"));
            putVector(out, "bias", raw.get("beta"));
            putVector(out, "running_mean", raw.get("mean"));
            if (raw.containsKey("var")) {
                putVector(out, "running_var", raw.get("var"));
            } else if (raw.containsKey("log10stdev")) {
                out.put("running_var", new Log10StdBinding(vector(raw.get("log10stdev"))));
            }
        } else if (conf instanceof EmbeddingLayer || conf instanceof EmbeddingSequenceLayer) {
            out.put("weight", new ViewBinding("weight", raw.get("W")));
        } else if (conf instanceof LSTM) {
            out.put("weight_ih", new GateBinding("weight_ih", transposed(raw.get("W"))));
            out.put("weight_hh", new GateBinding("weight_hh", transposed(raw.get("RW"))));
            out.put("bias", new GateBinding("bias", vector(raw.get("b"))));
        } else if (conf instanceof SimpleRnn) {
            // DL4J: h_t = x W + h_{t-1} RW + b; torch: x W_ih^T + h W_hh^T + b_ih + b_hh
            out.put("weight_ih", new ViewBinding("weight_ih", transposed(raw.get("W"))));
            out.put("weight_hh", new ViewBinding("weight_hh", transposed(raw.get("RW"))));
            putVector(out, "bias", raw.get("b"));
        } else if ((conf instanceof SelfAttentionLayer || conf instanceof LearnedSelfAttentionLayer)
                && raw.containsKey("Wq")) {
            INDArray q = heads(raw.get("Wq"));
            INDArray k = heads(raw.get("Wk"));
            INDArray v = heads(raw.get("Wv"));
            out.put("in_proj_weight", new StackBinding("in_proj_weight", List.of(q, k, v)));
            out.put("out_proj.weight", new ViewBinding("out_proj.weight", transposed(raw.get("Wo"))));
            out.put("q_proj_weight", new ViewBinding("q_proj_weight", q));
            out.put("k_proj_weight", new ViewBinding("k_proj_weight", k));
            out.put("v_proj_weight", new ViewBinding("v_proj_weight", v));
        } else if (conf instanceof PReLULayer && raw.containsKey("W")) {
            INDArray w = raw.get("W");
            long nonUnit = java.util.Arrays.stream(w.shape()).filter(d -> d != 1).count();
            if (nonUnit <= 1) {   // torch's PReLU weight is per channel; other shapes have no torch twin
                out.put("weight", new ViewBinding("weight", w.reshape(w.ordering(), new long[] {w.length()})));
            }
        }
        return out;
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
