package org.nninit.dl4j;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.modules.ModuleDefaults;
import org.nninit.random.Generator;

/**
 * PyTorch's {@code reset_parameters()} for the PyTorch module equivalent to each DL4J layer, drawing in
 * PyTorch's order (per module: weight, then bias; modules in visiting order). With a
 * {@code TorchGenerator} seeded like {@code torch.manual_seed(s)} and a FLOAT network whose layers mirror a
 * PyTorch model's construction order, the network starts from the PyTorch model's exact initial weights.
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);   // Dense(784->256), Dense(256->10)
 * net.init();
 * TorchDefaults.reset(net, new TorchGenerator(0));      // == torch.manual_seed(0); nn.Linear(784,256); nn.Linear(256,10)
 * }</pre>
 *
 * <table>
 *   <caption>Equivalents</caption>
 *   <tr><th>DL4J</th><th>PyTorch</th><th>What happens</th></tr>
 *   <tr><td>Dense, Output</td><td>Linear</td><td>weight, bias U(±1/sqrt(in)); DL4J layer-norm gain 1</td></tr>
 *   <tr><td>Convolution 1D/2D/3D, Deconvolution 2D/3D, Depthwise</td><td>Conv*d, ConvTranspose*d, Conv2d(groups=nIn)</td>
 *       <td>weight, bias U(±1/sqrt(fan_in)), fan_in by PyTorch's rule (ConvTranspose quirk kept)</td></tr>
 *   <tr><td>SeparableConvolution2D</td><td>Conv2d(groups=nIn, bias=False) then Conv2d 1x1</td>
 *       <td>depthwise weight, pointwise weight, pointwise bias</td></tr>
 *   <tr><td>BatchNormalization</td><td>BatchNorm*d</td><td>running mean 0, var 1, weight 1, bias 0 (no draws)</td></tr>
 *   <tr><td>Embedding, EmbeddingSequence</td><td>Embedding</td><td>N(0, 1); a DL4J bias (no torch twin) is set to 0</td></tr>
 *   <tr><td>LSTM, SimpleRnn</td><td>LSTM, RNN (1 layer)</td><td>weight_ih, weight_hh, bias_ih, bias_hh U(±1/sqrt(H)) in
 *       that order; DL4J's single bias gets {@code bias_ih + bias_hh} (the same forward function); gate blocks
 *       reordered</td></tr>
 *   <tr><td>SelfAttention, LearnedSelfAttention</td><td>MultiheadAttention (bias=True, PyTorch's default)</td>
 *       <td>out_proj weight and bias (Linear default; the bias is a phantom draw: DL4J has none, and PyTorch sets it
 *       to 0 afterwards, which is what no bias computes), then xavier_uniform_ on the packed in_proj_weight;
 *       in_proj_bias has no draw. LearnedSelfAttention's queries are left alone. Verified against real PyTorch
 *       (PyTorchModelParityTest).</td></tr>
 *   <tr><td>PReLU</td><td>PReLU</td><td>0.25</td></tr>
 * </table>
 * Other layers (GravesLSTM, Bidirectional, custom) are left as they are. Parameters are drawn into
 * contiguous PyTorch-layout arrays and then copied in, so the generator sees exactly PyTorch's tensors.
 */
public final class TorchDefaults {

    private TorchDefaults() {
    }

    /** Resets every layer, in index order. */
    public static void reset(MultiLayerNetwork net, Generator generator) {
        NnInit.apply(net, m -> reset(m, generator));
    }

    /** Resets every layer vertex, in the order the vertices were added ({@link NnInit#modules(ComputationGraph)}). */
    public static void reset(ComputationGraph net, Generator generator) {
        NnInit.apply(net, m -> reset(m, generator));
    }

    /**
     * Resets one module as PyTorch's equivalent module's {@code reset_parameters()}.
     *
     * @param generator the source of draws; {@code null} means ND4J's global RNG
     * @return whether the layer has a PyTorch equivalent (false: left unchanged)
     */
    public static boolean reset(TorchModule m, Generator generator) {
        Generator gen = Generator.orGlobal(generator);
        Object layer = m.layer();
        if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
            if (!m.has("weight")) {
                return false;
            }
            INDArray w = target(m, "weight");
            INDArray b = m.has("bias") ? target(m, "bias") : null;
            ModuleDefaults.linear(w, b, gen);
            write(m, "weight", w);
            write(m, "bias", b);
            if (m.has("layer_norm.weight")) {
                m.update("layer_norm.weight", Init::ones);
            }
            return true;
        }
        if (layer instanceof SeparableConvolution2D) {
            INDArray dw = target(m, "depthwise.weight");
            ModuleDefaults.conv(dw, null, gen);
            INDArray pw = target(m, "pointwise.weight");
            INDArray pb = m.has("pointwise.bias") ? target(m, "pointwise.bias") : null;
            ModuleDefaults.conv(pw, pb, gen);
            write(m, "depthwise.weight", dw);
            write(m, "pointwise.weight", pw);
            write(m, "pointwise.bias", pb);
            return true;
        }
        if (layer instanceof ConvolutionLayer) {
            INDArray w = target(m, "weight");
            INDArray b = m.has("bias") ? target(m, "bias") : null;
            ModuleDefaults.conv(w, b, gen);
            write(m, "weight", w);
            write(m, "bias", b);
            return true;
        }
        if (layer instanceof BatchNormalization) {
            INDArray w = m.has("weight") ? target(m, "weight") : null;
            INDArray b = m.has("bias") ? target(m, "bias") : null;
            INDArray mean = target(m, "running_mean");
            INDArray var = target(m, "running_var");
            ModuleDefaults.batchNorm(w, b, mean, var);
            write(m, "weight", w);
            write(m, "bias", b);
            write(m, "running_mean", mean);
            write(m, "running_var", var);
            return true;
        }
        if (layer instanceof EmbeddingLayer || layer instanceof EmbeddingSequenceLayer) {
            INDArray w = fresh(m, "weight");
            ModuleDefaults.embedding(w, null, gen);
            write(m, "weight", w);
            if (m.has("b")) {
                Init.zeros(m.param("b"));
            }
            return true;
        }
        if (layer instanceof LSTM || layer instanceof SimpleRnn) {
            INDArray wih = fresh(m, "weight_ih");
            INDArray whh = fresh(m, "weight_hh");
            INDArray bih = fresh(m, "bias");
            INDArray bhh = fresh(m, "bias");
            long hidden = whh.size(1);
            ModuleDefaults.recurrent(List.of(wih, whh, bih, bhh), hidden, gen);
            write(m, "weight_ih", wih);
            write(m, "weight_hh", whh);
            write(m, "bias", bih.addi(bhh));
            return true;
        }
        if ((layer instanceof SelfAttentionLayer || layer instanceof LearnedSelfAttentionLayer)
                && m.has("in_proj_weight")) {
            INDArray in = fresh(m, "in_proj_weight");
            INDArray out = fresh(m, "out_proj.weight");
            // Phantom parameters: nn.MultiheadAttention (bias=True) has in_proj_bias and out_proj.bias, which DL4J's
            // attention lacks. The out-projection Linear draws its bias when it is built, so the draw is made here
            // too and kept in step with PyTorch; the values are dropped, as PyTorch then sets both biases to 0,
            // which is what no bias computes.
            long e = out.size(0);
            ModuleDefaults.multiheadAttention(in, Nd4j.create(in.dataType(), in.size(0)), out,
                    Nd4j.create(out.dataType(), e), gen);
            write(m, "in_proj_weight", in);
            write(m, "out_proj.weight", out);
            return true;
        }
        if (layer instanceof PReLULayer && m.has("weight")) {
            Init.constant(m.param("weight"), 0.25);
            return true;
        }
        return false;
    }

    /**
     * A contiguous c-order array of the parameter's PyTorch shape and dtype, what PyTorch's generator fills: the
     * parameter's own view when DL4J stores it that way (no copy), otherwise a fresh array for {@link #write}.
     */
    private static INDArray target(TorchModule m, String name) {
        INDArray view = m.rowMajorView(name);
        return view != null ? view : fresh(m, name);
    }

    /** A fresh contiguous c-order array of the parameter's PyTorch shape and dtype. */
    private static INDArray fresh(TorchModule m, String name) {
        return Nd4j.create(m.dataType(name), m.shape(name), 'c');
    }

    /** Stores {@code values} unless they were drawn into the parameter's own view. */
    private static void write(TorchModule m, String name, INDArray values) {
        if (values != null && values != m.rowMajorView(name)) {
            m.assign(name, values);
        }
    }
}
