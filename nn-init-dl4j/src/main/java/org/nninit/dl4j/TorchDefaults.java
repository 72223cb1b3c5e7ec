package org.nninit.dl4j;

import java.util.List;
import java.util.function.Predicate;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.modules.ModuleDefaults;
import org.nninit.random.Generator;
import org.nninit.random.TorchGenerator;

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
 * <p>Which PyTorch module a layer stands for, and so which default it gets, is the {@link LayerKind} catalogue's
 * decision (its table has every kind); each kind's default is one method here:
 * <ul>
 *   <li>Linear: weight, bias U(±1/sqrt(in)); DL4J's layer-norm gain is set to 1.</li>
 *   <li>Conv*d, ConvTranspose*d, grouped Conv2d: weight, bias U(±1/sqrt(fan_in)), fan_in by PyTorch's rule
 *   (the ConvTranspose quirk kept); a separable convolution is a depthwise Conv2d(bias=False), then a 1x1 Conv2d.</li>
 *   <li>BatchNorm*d: running mean 0, var 1, weight 1, bias 0 (no draws).</li>
 *   <li>Embedding: N(0, 1); a DL4J bias (no PyTorch twin) is set to 0.</li>
 *   <li>LSTM, RNN (one layer): weight_ih, weight_hh, bias_ih, bias_hh U(±1/sqrt(H)) in that order; DL4J's single
 *   bias gets {@code bias_ih + bias_hh} (the same forward function; bias_hh is a phantom draw); gate blocks
 *   reordered.</li>
 *   <li>MultiheadAttention (bias=True, PyTorch's default): out_proj weight and bias (Linear default; the bias is a
 *   phantom draw: DL4J has none, and PyTorch sets it to 0 afterwards, which is what no bias computes), then
 *   xavier_uniform_ on the packed in_proj_weight; in_proj_bias has no draw. LearnedSelfAttention's queries are
 *   left alone. Verified against real PyTorch (PyTorchModelParityTest).</li>
 *   <li>PReLU: 0.25.</li>
 * </ul>
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
     * {@link #reset(ComputationGraph, Generator)} for a graph whose {@code overwritten} modules get new values right
     * afterwards (a recipe re-initializing every convolution, as torchvision's ResNet does): those modules'
     * uniform draws are only consumed ({@link TorchGenerator#skipUniform}), not computed, so every later value is
     * the same as with {@link #reset(ComputationGraph, Generator)}, at the cost of advancing the stream. Their
     * parameters are left with whatever they held. With a generator other than a {@code TorchGenerator} (no
     * PyTorch stream to keep) they are reset as usual.
     *
     * <pre>{@code
     * TorchDefaults.reset(graph, gen, m -> m.is(ConvolutionLayer.class));   // then kaiming_normal_ every conv
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code overwritten} is null
     */
    public static void reset(ComputationGraph net, Generator generator, Predicate<TorchModule> overwritten) {
        List<TorchModule> modules = NnInit.modules(net);
        resetAll(modules, generator, overwritten);
    }

    /** As {@link #reset(ComputationGraph, Generator, Predicate)}, for a sequential network. */
    public static void reset(MultiLayerNetwork net, Generator generator, Predicate<TorchModule> overwritten) {
        List<TorchModule> modules = NnInit.modules(net);
        resetAll(modules, generator, overwritten);
    }

    private static void resetAll(List<TorchModule> modules, Generator generator, Predicate<TorchModule> overwritten) {
        if (overwritten == null) {
            throw new IllegalArgumentException("overwritten is null");
        }
        Generator gen = Generator.orGlobal(generator);
        Generator skipping = gen instanceof TorchGenerator torch ? new UniformSkipped(torch) : gen;
        modules.forEach(m -> reset(m, overwritten.test(m) ? skipping : gen));
    }

    /** A TorchGenerator whose uniform fills only advance its stream; normals and permutations are real. */
    private record UniformSkipped(TorchGenerator torch) implements Generator {
        @Override
        public void fillUniform(INDArray tensor, double from, double to) {
            torch.skipUniform(tensor);
        }

        @Override
        public void fillNormal(INDArray tensor, double mean, double std) {
            torch.fillNormal(tensor, mean, std);
        }

        @Override
        public long[] randperm(int n) {
            return torch.randperm(n);
        }
    }

    /**
     * Resets one module as PyTorch's equivalent module's {@code reset_parameters()}.
     *
     * @param generator the source of draws; {@code null} means ND4J's global RNG
     * @return whether the layer has a PyTorch equivalent (false: left unchanged)
     */
    public static boolean reset(TorchModule m, Generator generator) {
        return m.kind().reset(m, Generator.orGlobal(generator));
    }

    /** Linear: weight, then bias; DL4J's layer-norm gain (no PyTorch twin in Linear) is set to 1, no draw. */
    static boolean linear(TorchModule m, Generator gen) {
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

    /** Depthwise Conv2d(bias=False), then the pointwise Conv2d's weight and bias. */
    static boolean separable(TorchModule m, Generator gen) {
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

    /** Conv*d, ConvTranspose*d, grouped Conv2d: weight, then bias, fan_in by PyTorch's rule. */
    static boolean conv(TorchModule m, Generator gen) {
        INDArray w = target(m, "weight");
        INDArray b = m.has("bias") ? target(m, "bias") : null;
        ModuleDefaults.conv(w, b, gen);
        write(m, "weight", w);
        write(m, "bias", b);
        return true;
    }

    /** BatchNorm: constants only (num_batches_tracked, which DL4J lacks, has no draw either). */
    static boolean batchNorm(TorchModule m, Generator gen) {
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

    /** Embedding N(0, 1); a DL4J bias (no PyTorch twin) is set to 0. */
    static boolean embedding(TorchModule m, Generator gen) {
        INDArray w = fresh(m, "weight");
        ModuleDefaults.embedding(w, null, gen);
        write(m, "weight", w);
        if (m.has("b")) {
            Init.zeros(m.param("b"));
        }
        return true;
    }

    /**
     * One-layer LSTM / RNN. Phantom draw: PyTorch has bias_ih and bias_hh where DL4J has one bias, so both are
     * drawn, in PyTorch's order after the weights, and their sum (the same forward function) is stored.
     */
    static boolean recurrent(TorchModule m, Generator gen) {
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

    /** MultiheadAttention(bias=True); nothing without projections. */
    static boolean attention(TorchModule m, Generator gen) {
        if (!m.has("in_proj_weight")) {
            return false;
        }
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

    /** PReLU: 0.25, no draw. */
    static boolean prelu(TorchModule m, Generator gen) {
        if (!m.has("weight")) {
            return false;
        }
        Init.constant(m.param("weight"), 0.25);
        return true;
    }

    /** No module default: the layer is left unchanged. */
    static boolean none(TorchModule m, Generator gen) {
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
