package org.nninit.dl4j;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Fans;
import org.nninit.random.Generator;

/**
 * The catalogue of DL4J layer kinds: what a DL4J layer is in PyTorch terms, decided in this one place. Each
 * entry holds the PyTorch module the layer stands for, its PyTorch parameter names and how they bind to DL4J's
 * parameters (the layouts {@code LayerForwardTest} verifies by loading PyTorch's weights and comparing outputs),
 * the module default ({@link TorchDefaults}, through {@link org.nninit.modules.ModuleDefaults}), the parameter
 * {@code InitReport} and {@code Lsuv} treat as the weight, whether LSUV rescales it, and the
 * {@linkplain #phantoms() phantom draws}: parameters the PyTorch module has and DL4J lacks, for which
 * {@link TorchDefaults} still consumes PyTorch's draws so that every later layer stays aligned.
 *
 * <pre>{@code
 * LayerKind kind = LayerKind.of(new SeparableConvolution2D.Builder(3, 3).nIn(3).nOut(8).build());
 * String module = kind.torchModule();     // "Conv2d(groups=nIn, bias=False) + Conv2d(kernel_size=1)"
 * List<String> names = kind.paramNames(); // [depthwise.weight, pointwise.weight, pointwise.bias]
 * List<LayerKind.Phantom> missing = LayerKind.of(new LSTM.Builder().nIn(3).nOut(4).build()).phantoms();  // bias_hh
 * // for a walked layer: NnInit.modules(net).get(i).kind()
 * }</pre>
 *
 * <p><b>Verified layouts.</b> {@code LayerForwardTest} loads a real PyTorch module's weights into one layer of
 * each kind (Dense, Conv1D/2D/3D, Deconvolution2D/3D, Depthwise, Separable, BatchNorm in eval mode, Embedding,
 * EmbeddingSequence, SimpleRnn, SelfAttention, PReLU) and compares outputs with PyTorch's; {@code StateDictTest}
 * does the same for LSTM (a two-layer language model). Output layers share Dense's binding, Convolution1D
 * Convolution1DLayer's. LearnedSelfAttentionLayer shares SelfAttention's binding but has no PyTorch module to
 * compare with (its learned queries have no twin), so its in- and out-projections are bound by analogy.
 *
 * <p><b>Resolution</b> ({@link #of}) is most-specific-first: the constants are declared in resolution order and
 * the first whose DL4J classes include the layer's class or a superclass of it wins, so
 * {@code SeparableConvolution2D}, {@code DepthwiseConvolution2D}, {@code Deconvolution3D},
 * {@code Deconvolution2D}, {@code Convolution1DLayer} and {@code Convolution3D} come before their superclass
 * {@code ConvolutionLayer}, and {@code ActivationLayer} before {@code NoParamLayer}. A layer no entry covers
 * (GravesLSTM, Bidirectional, LastTimeStep, custom layers) is {@link #UNKNOWN}: it is still walked, with its
 * parameters under DL4J's keys only.
 *
 * <table>
 *   <caption>The catalogue (DL4J layer, PyTorch module, PyTorch names, missing parameters and their draws)</caption>
 *   <tr><th>kind</th><th>DL4J layers</th><th>PyTorch module</th><th>PyTorch parameters (layout)</th>
 *       <th>missing in DL4J: draws consumed</th></tr>
 *   <tr><td>{@link #SEPARABLE_CONV2D}</td><td>SeparableConvolution2D</td>
 *       <td>Conv2d(groups=nIn, bias=False) then Conv2d(kernel_size=1)</td>
 *       <td>depthwise.weight [nIn·dm,1,kH,kW] from W [dm,nIn,kH,kW] (no exact view), pointwise.weight = pW,
 *       pointwise.bias = b</td><td>none (the depthwise conv has no bias: port it with bias=False)</td></tr>
 *   <tr><td>{@link #DEPTHWISE_CONV2D}</td><td>DepthwiseConvolution2D</td><td>Conv2d(groups=nIn)</td>
 *       <td>weight [nIn·dm,1,kH,kW] from W [kH,kW,nIn,dm] (output channel i·dm + m), bias</td><td>none</td></tr>
 *   <tr><td>{@link #CONV_TRANSPOSE3D}</td><td>Deconvolution3D</td><td>ConvTranspose3d</td>
 *       <td>weight [in,out,kD,kH,kW], a permuted view of W [kD,kH,kW,out,in]; bias</td><td>none</td></tr>
 *   <tr><td>{@link #CONV_TRANSPOSE2D}</td><td>Deconvolution2D</td><td>ConvTranspose2d</td>
 *       <td>weight = W [in,out,kH,kW]; bias</td><td>none</td></tr>
 *   <tr><td>{@link #CONV1D}</td><td>Convolution1DLayer, Convolution1D</td><td>Conv1d</td>
 *       <td>weight [out,in,k]: DL4J declares W [out,in,k,1], its forward pass reads the buffer as [k,in,out]
 *       ({@link org.nninit.dl4j.weights.TorchLayout#conv1dWeight}); bias</td><td>none</td></tr>
 *   <tr><td>{@link #CONV3D}</td><td>Convolution3D</td><td>Conv3d</td>
 *       <td>weight = W [out,in,kD,kH,kW]; bias</td><td>none</td></tr>
 *   <tr><td>{@link #CONV2D}</td><td>ConvolutionLayer, Convolution2D</td><td>Conv2d</td>
 *       <td>weight = W [out,in,kH,kW]; bias</td><td>none</td></tr>
 *   <tr><td>{@link #LINEAR}</td><td>DenseLayer, any BaseOutputLayer (OutputLayer, RnnOutputLayer,
 *       CenterLossOutputLayer)</td><td>Linear</td>
 *       <td>weight [out,in] = Wᵀ (W [in,out] f-order), bias = b; DL4J's layer-norm gain g as layer_norm.weight</td>
 *       <td>none</td></tr>
 *   <tr><td>{@link #BATCH_NORM}</td><td>BatchNormalization</td><td>BatchNorm1d/2d/3d</td>
 *       <td>weight = gamma, bias = beta, running_mean = mean, running_var = var or 10^(2·log10stdev)</td>
 *       <td>num_batches_tracked (an int64 counter): no draw</td></tr>
 *   <tr><td>{@link #EMBEDDING}</td><td>EmbeddingLayer, EmbeddingSequenceLayer</td><td>Embedding</td>
 *       <td>weight = W [vocab, dim]</td><td>none</td></tr>
 *   <tr><td>{@link #LSTM}</td><td>LSTM</td><td>LSTM (one layer)</td>
 *       <td>weight_ih [4H,in] = Wᵀ, weight_hh [4H,H] = RWᵀ, bias [4H] = bias_ih + bias_hh, gate blocks reordered
 *       from DL4J's (g,f,o,i) to PyTorch's (i,f,g,o)</td>
 *       <td>bias_hh (DL4J has one bias): bias_ih and bias_hh are both drawn U(±1/sqrt(H)), in PyTorch's order after
 *       the weights, and their sum is stored</td></tr>
 *   <tr><td>{@link #RNN}</td><td>SimpleRnn</td><td>RNN (one layer, tanh)</td>
 *       <td>weight_ih = Wᵀ, weight_hh = RWᵀ, bias = bias_ih + bias_hh</td>
 *       <td>bias_hh: drawn U(±1/sqrt(H)) after bias_ih, and added</td></tr>
 *   <tr><td>{@link #MULTIHEAD_ATTENTION}</td><td>SelfAttentionLayer, LearnedSelfAttentionLayer
 *       (projectInput)</td><td>MultiheadAttention (bias=True)</td>
 *       <td>in_proj_weight [3E,nIn] = rows of Wq, Wk, Wv (no exact view), out_proj.weight = Woᵀ, q_proj_weight,
 *       k_proj_weight, v_proj_weight</td>
 *       <td>out_proj.bias: drawn U(±1/sqrt(E)) by the out-projection Linear before the in-projection's
 *       xavier_uniform_, then dropped (PyTorch sets it to 0); in_proj_bias: no draw (0)</td></tr>
 *   <tr><td>{@link #PRELU}</td><td>PReLULayer (one non-unit axis)</td><td>PReLU(num_parameters=C)</td>
 *       <td>weight [C] = W flattened</td><td>none</td></tr>
 *   <tr><td>{@link #ACTIVATION}</td><td>ActivationLayer</td><td>an activation module (ReLU, Tanh, ...)</td>
 *       <td>none</td><td>none</td></tr>
 *   <tr><td>{@link #NO_PARAMS}</td><td>other NoParamLayers (Subsampling, GlobalPooling, Upsampling, ...)</td>
 *       <td>a parameter-free module (MaxPool2d, AvgPool2d, ...)</td><td>none</td><td>none</td></tr>
 *   <tr><td>{@link #UNKNOWN}</td><td>anything else</td><td>none</td><td>none (DL4J keys only)</td>
 *       <td>not reset</td></tr>
 * </table>
 *
 * <p>Why an enum in {@code org.nninit.dl4j}: the kinds are a closed set that tests can enumerate, and the
 * catalogue must be readable from the report package ({@code InitReport}, {@code Lsuv}) and by users
 * ({@link TorchModule#kind()}); only its read-only description is public. The bindings and module defaults it
 * wires stay package-private next to the binding classes they use ({@code TorchParams}, {@link TorchDefaults}),
 * one short method per kind.
 */
public enum LayerKind {

    /** {@code SeparableConvolution2D}: PyTorch's depthwise {@code Conv2d(bias=False)} followed by a 1x1 {@code Conv2d}. */
    SEPARABLE_CONV2D(List.of(SeparableConvolution2D.class),
            "Conv2d(groups=nIn, bias=False) + Conv2d(kernel_size=1)",
            List.of("depthwise.weight", "pointwise.weight", "pointwise.bias"), "depthwise.weight", "W", true,
            List.of(), TorchParams::separable, TorchDefaults::separable),

    /** {@code DepthwiseConvolution2D}: PyTorch's grouped {@code Conv2d(groups=nIn)}. */
    DEPTHWISE_CONV2D(List.of(DepthwiseConvolution2D.class), "Conv2d(groups=nIn)",
            List.of("weight", "bias"), "weight", "W", true, List.of(), TorchParams::depthwise, TorchDefaults::conv),

    /** {@code Deconvolution3D}: PyTorch's {@code ConvTranspose3d} (DL4J stores the weight permuted). */
    CONV_TRANSPOSE3D(List.of(Deconvolution3D.class), "ConvTranspose3d",
            List.of("weight", "bias"), "weight", "W", true, List.of(), TorchParams::deconv3d, TorchDefaults::conv),

    /** {@code Deconvolution2D}: PyTorch's {@code ConvTranspose2d}, in PyTorch's own layout. */
    CONV_TRANSPOSE2D(List.of(Deconvolution2D.class), "ConvTranspose2d",
            List.of("weight", "bias"), "weight", "W", true, List.of(), TorchParams::conv, TorchDefaults::conv),

    /** {@code Convolution1DLayer} and {@code Convolution1D}: PyTorch's {@code Conv1d}. */
    CONV1D(List.of(Convolution1DLayer.class), "Conv1d",
            List.of("weight", "bias"), "weight", "W", true, List.of(), TorchParams::conv1d, TorchDefaults::conv),

    /** {@code Convolution3D}: PyTorch's {@code Conv3d}, in PyTorch's own layout. */
    CONV3D(List.of(Convolution3D.class), "Conv3d",
            List.of("weight", "bias"), "weight", "W", true, List.of(), TorchParams::conv, TorchDefaults::conv),

    /** {@code ConvolutionLayer}, {@code Convolution2D} (and any other subclass): PyTorch's {@code Conv2d}. */
    CONV2D(List.of(ConvolutionLayer.class), "Conv2d",
            List.of("weight", "bias"), "weight", "W", true, List.of(), TorchParams::conv, TorchDefaults::conv),

    /** {@code DenseLayer} and every {@code BaseOutputLayer}: PyTorch's {@code Linear}. */
    LINEAR(List.of(DenseLayer.class, BaseOutputLayer.class), "Linear",
            List.of("weight", "bias", "layer_norm.weight"), "weight", "W", true, List.of(),
            TorchParams::linear, TorchDefaults::linear),

    /** {@code BatchNormalization}: PyTorch's {@code BatchNorm1d}, {@code BatchNorm2d} or {@code BatchNorm3d}. */
    BATCH_NORM(List.of(BatchNormalization.class), "BatchNorm1d/2d/3d",
            List.of("weight", "bias", "running_mean", "running_var"), null, null, false,
            List.of(new Phantom("num_batches_tracked", "no draw (an int64 counter PyTorch starts at 0)")),
            TorchParams::batchNorm, TorchDefaults::batchNorm),

    /** {@code EmbeddingLayer} and {@code EmbeddingSequenceLayer}: PyTorch's {@code Embedding}. */
    EMBEDDING(List.of(EmbeddingLayer.class, EmbeddingSequenceLayer.class), "Embedding",
            List.of("weight"), "weight", "W", false, List.of(), TorchParams::embedding, TorchDefaults::embedding),

    /** {@code LSTM}: a one-layer PyTorch {@code LSTM}; DL4J's single bias is PyTorch's two summed. */
    LSTM(List.of(org.deeplearning4j.nn.conf.layers.LSTM.class), "LSTM",
            List.of("weight_ih", "weight_hh", "bias"), "weight_ih", "W", true,
            List.of(new Phantom("bias_hh", "U(±1/sqrt(H)) drawn after bias_ih (DL4J's b gets bias_ih + bias_hh)")),
            TorchParams::lstm, TorchDefaults::recurrent),

    /** {@code SimpleRnn}: a one-layer PyTorch {@code RNN}; DL4J's single bias is PyTorch's two summed. */
    RNN(List.of(SimpleRnn.class), "RNN",
            List.of("weight_ih", "weight_hh", "bias"), "weight_ih", "W", true,
            List.of(new Phantom("bias_hh", "U(±1/sqrt(H)) drawn after bias_ih (DL4J's b gets bias_ih + bias_hh)")),
            TorchParams::rnn, TorchDefaults::recurrent),

    /**
     * {@code SelfAttentionLayer} and {@code LearnedSelfAttentionLayer} with projected input: PyTorch's
     * {@code MultiheadAttention}. LearnedSelfAttention's learned queries {@code Q} have no PyTorch twin and are
     * left alone.
     */
    MULTIHEAD_ATTENTION(List.of(SelfAttentionLayer.class, LearnedSelfAttentionLayer.class), "MultiheadAttention",
            List.of("in_proj_weight", "out_proj.weight", "q_proj_weight", "k_proj_weight", "v_proj_weight"),
            "q_proj_weight", "Wq", false,
            List.of(new Phantom("out_proj.bias", "U(±1/sqrt(E)) drawn by the out-projection Linear before the"
                            + " in-projection's xavier_uniform_, then dropped (PyTorch sets it to 0)"),
                    new Phantom("in_proj_bias", "no draw (PyTorch sets it to 0)")),
            TorchParams::attention, TorchDefaults::attention),

    /** {@code PReLULayer} with one non-unit weight axis: PyTorch's per-channel {@code PReLU}. */
    PRELU(List.of(PReLULayer.class), "PReLU",
            List.of("weight"), "weight", "W", true, List.of(), TorchParams::prelu, TorchDefaults::prelu),

    /** {@code ActivationLayer}: an activation module; its pre-activation is its input. */
    ACTIVATION(List.of(ActivationLayer.class), "activation module (ReLU, Tanh, ...)",
            List.of(), null, null, false, List.of(), TorchParams::none, TorchDefaults::none),

    /** Every other parameter-free layer (subsampling, global pooling, upsampling, padding, ...). */
    NO_PARAMS(List.of(NoParamLayer.class), "parameter-free module (MaxPool2d, AvgPool2d, ...)",
            List.of(), null, null, false, List.of(), TorchParams::none, TorchDefaults::none),

    /**
     * No entry covers the layer (GravesLSTM, Bidirectional, LastTimeStep, custom layers): it is walked with its
     * DL4J keys only, {@link TorchDefaults} leaves it unchanged, and the report reads its weight generically
     * ({@code "W"}, else the first key starting with {@code "W"}).
     */
    UNKNOWN(List.of(), null, List.of(), null, null, true, List.of(), TorchParams::none, TorchDefaults::none);

    /**
     * A parameter the PyTorch module has and the DL4J layer lacks.
     *
     * @param param PyTorch's parameter (or buffer) name
     * @param draws what {@link TorchDefaults} draws for it to stay in step with PyTorch's generator
     */
    public record Phantom(String param, String draws) {
    }

    /** PyTorch names to bindings, from DL4J's parameters by key (empty when the layer has no PyTorch twin). */
    @FunctionalInterface
    interface Binder {
        Map<String, ParamBinding> bind(Map<String, INDArray> raw);
    }

    /** The module default on a walked layer; false when nothing was done. */
    @FunctionalInterface
    interface Reset {
        boolean reset(TorchModule m, Generator generator);
    }

    /** The constants in declaration order, which is the resolution order (values() would copy on every call). */
    private static final List<LayerKind> RESOLUTION_ORDER = List.of(values());

    private final List<Class<? extends Layer>> classes;
    private final String torchModule;
    private final List<String> paramNames;
    private final String weight;
    private final String weightKey;
    private final boolean lsuv;
    private final List<Phantom> phantoms;
    private final Binder binder;
    private final Reset reset;

    LayerKind(List<Class<? extends Layer>> classes, String torchModule, List<String> paramNames, String weight,
              String weightKey, boolean lsuv, List<Phantom> phantoms, Binder binder, Reset reset) {
        this.classes = classes;
        this.torchModule = torchModule;
        this.paramNames = paramNames;
        this.weight = weight;
        this.weightKey = weightKey;
        this.lsuv = lsuv;
        this.phantoms = phantoms;
        this.binder = binder;
        this.reset = reset;
    }

    /**
     * The kind of a DL4J layer configuration (unwrap frozen layers first, as {@link NnInit} does): the first
     * constant, in declaration order, one of whose classes the layer is an instance of; {@link #UNKNOWN} if none.
     *
     * @throws IllegalArgumentException when {@code conf} is null
     */
    public static LayerKind of(Layer conf) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must be a DL4J layer configuration, but found null");
        }
        for (LayerKind kind : RESOLUTION_ORDER) {
            for (Class<? extends Layer> type : kind.classes) {
                if (type.isInstance(conf)) {
                    return kind;
                }
            }
        }
        return UNKNOWN;
    }

    /**
     * {@link #of}, for code that needs PyTorch's module: a layer the catalogue does not know is an error.
     *
     * @throws IllegalArgumentException naming the layer (name and class) when it is {@link #UNKNOWN}
     */
    public static LayerKind known(Layer conf) {
        LayerKind kind = of(conf);
        if (kind == UNKNOWN) {
            throw new IllegalArgumentException(describe(conf) + " has no PyTorch module in the layer catalogue"
                    + " (LayerKind.UNKNOWN); its parameters are reachable by DL4J key only");
        }
        return kind;
    }

    /** {@code "layer <name> (<class>)"}, the way errors name a layer. */
    static String describe(Layer conf) {
        return "layer " + conf.getLayerName() + " (" + conf.getClass().getSimpleName() + ")";
    }

    /** The DL4J configuration classes of this kind (instances of subclasses included); empty for {@link #UNKNOWN}. */
    public List<Class<? extends Layer>> layerClasses() {
        return classes;
    }

    /** The PyTorch module this kind stands for, e.g. {@code "Conv2d"}; {@code null} for {@link #UNKNOWN}. */
    public String torchModule() {
        return torchModule;
    }

    /**
     * The PyTorch parameter (and buffer) names a layer of this kind can have, in PyTorch's registration order;
     * a given layer has a subset ({@code hasBias(false)}, no layer norm, {@code lockGammaBeta}, ...). See
     * {@link TorchModule#paramNames()} for one layer's.
     */
    public List<String> paramNames() {
        return paramNames;
    }

    /** The PyTorch name of the parameter reported and rescaled as "the weight"; {@code null} when there is none. */
    public String weight() {
        return weight;
    }

    /** The PyTorch parameters DL4J lacks, and the draws {@link TorchDefaults} makes for them. */
    public List<Phantom> phantoms() {
        return phantoms;
    }

    /** Whether {@code Lsuv} rescales this kind's weight (for {@link #UNKNOWN}: any weight layer with a "W"). */
    public boolean lsuv() {
        return lsuv;
    }

    /**
     * The DL4J key of the parameter {@code InitReport} and {@code Lsuv} treat as the weight: this kind's
     * ({@code "W"}, attention's {@code "Wq"}) when the layer has it, else {@code "W"}, else the first key starting
     * with {@code "W"}; {@code null} when there is none.
     */
    public String weightKey(Map<String, INDArray> dl4jParams) {
        if (dl4jParams == null || dl4jParams.isEmpty()) {
            return null;
        }
        if (weightKey != null && dl4jParams.containsKey(weightKey)) {
            return weightKey;
        }
        if (dl4jParams.containsKey("W")) {
            return "W";
        }
        return dl4jParams.keySet().stream().filter(k -> k.startsWith("W")).findFirst().orElse(null);
    }

    /** Whether {@code Lsuv} rescales this layer: a weight layer of an LSUV kind that has a {@code "W"}. */
    public boolean lsuv(Layer conf, Map<String, INDArray> dl4jParams) {
        return lsuv && conf instanceof BaseLayer && dl4jParams != null && dl4jParams.containsKey("W");
    }

    /**
     * The activation the layer applies, or {@code null} when it applies none: batch norm (DL4J keeps an
     * activation in its configuration but never applies it), pooling, attention.
     */
    public IActivation activation(Layer conf) {
        if (this == BATCH_NORM) {
            return null;
        }
        if (this == ACTIVATION) {
            return ((ActivationLayer) conf).getActivationFn();
        }
        return conf instanceof BaseLayer b ? b.getActivationFn() : null;
    }

    /** Whether the layer is only an activation, so that its pre-activation is its input. */
    public boolean activationOnly() {
        return this == ACTIVATION;
    }

    /**
     * PyTorch's fans of a DL4J weight parameter, read as the PyTorch module's tensor: a 2-d {@code [nIn, nOut]}
     * weight (Dense, Output, LSTM input weights) is PyTorch's {@code [out, in]}; an embedding's
     * {@code [V, D]} is PyTorch's {@code [V, D]}; a SameDiff layer's rank-3 projection
     * {@code [heads, headSize, nIn]} is PyTorch's {@code [heads*headSize, nIn]}; convolutions already have
     * PyTorch's shape.
     */
    public Fans torchFans(Layer conf, INDArray dl4jWeight) {
        long[] s = dl4jWeight.shape();
        if (s.length == 2) {
            return this == EMBEDDING ? new Fans(s[1], s[0]) : new Fans(s[0], s[1]);
        }
        if (s.length == 3 && conf instanceof AbstractSameDiffLayer) {
            return new Fans(s[2], s[0] * s[1]);
        }
        return Fans.of(s);
    }

    /** PyTorch names to bindings for a layer of this kind, in registration order. */
    Map<String, ParamBinding> bind(Map<String, INDArray> raw) {
        return binder.bind(raw);
    }

    /** Runs this kind's module default on {@code m}; false when the kind has none (the layer is unchanged). */
    boolean reset(TorchModule m, Generator generator) {
        return reset.reset(m, generator);
    }
}
