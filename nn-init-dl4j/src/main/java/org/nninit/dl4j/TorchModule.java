package org.nninit.dl4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.internal.memory.TensorWalk;

/**
 * One layer of a DL4J network as {@link NnInit#apply} hands it out: its DL4J configuration and its
 * parameters under PyTorch's names, in PyTorch's layout, as views whose writes land in {@code net.params()}
 * (so the updater, gradients and {@code ModelSerializer} all see them).
 *
 * <pre>{@code
 * NnInit.apply(net, m -> {
 *     if (m.is(ConvolutionLayer.class)) {
 *         Init.kaimingNormal(m.weight(), 0, FanMode.FAN_OUT, Nonlinearity.RELU, null);   // weight is [out,in,kH,kW]
 *         if (m.bias() != null) Init.zeros(m.bias());
 *     }
 * });
 * }</pre>
 *
 * <p>A few PyTorch tensors have no exact view in DL4J's buffer: LSTM {@code weight_ih/weight_hh/bias}
 * (DL4J orders the gate blocks (g, f, o, i), PyTorch (i, f, g, o); {@link #param} hands out the DL4J-ordered
 * view, fine for element-wise initializers), BatchNorm {@code running_var} when DL4J stores log10(std),
 * attention {@code in_proj_weight} (three arrays in DL4J) and a separable convolution's
 * {@code depthwise.weight}. For those, {@link #read}, {@link #assign} and {@link #update} translate exactly.
 * {@link #update} is the safe way to run any {@code Init} function on exactly PyTorch's tensor.
 *
 * <p>Views are safe for element-wise and whole-array operations (every random and constant {@code Init}
 * function). ND4J 1.0.0-M2.1's sub-array indexing ({@code get(...)}, {@code getRow}, ...) on a view of the
 * parameter buffer can return empty or misplaced arrays for layers deep in the buffer, so run functions that
 * index rows, columns or positions (orthogonal, eye, dirac, sparse) through {@link #update}, which works on a
 * fresh copy.
 */
public final class TorchModule {

    private final String name;
    private final int index;
    private final Layer layer;
    private final LayerKind kind;
    private final Layer wrapper;
    private final org.deeplearning4j.nn.api.Layer dl4jLayer;
    private final Map<String, INDArray> raw;
    private final Map<String, ParamBinding> torch;
    private final List<String> inputs;

    TorchModule(String name, int index, Layer layer, Layer wrapper, org.deeplearning4j.nn.api.Layer dl4jLayer,
           Map<String, INDArray> raw, List<String> inputs) {
        this.name = name;
        this.index = index;
        this.layer = layer;
        this.kind = LayerKind.of(layer);
        this.wrapper = wrapper;
        this.dl4jLayer = dl4jLayer;
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        this.torch = Collections.unmodifiableMap(kind.bind(this.raw));
        this.inputs = List.copyOf(inputs);
    }

    /** The layer's name: DL4J's layer name (MultiLayerNetwork, default {@code "layer" + i}) or the vertex name. */
    public String name() {
        return name;
    }

    /** Position in visiting order: the layer index in a MultiLayerNetwork, the order of addition in a graph. */
    public int index() {
        return index;
    }

    /** The layer's DL4J configuration, unwrapped from {@code FrozenLayer}/{@code FrozenLayerWithBackprop}. */
    public Layer layer() {
        return layer;
    }

    /** What the layer is in PyTorch terms: its entry in the {@link LayerKind} catalogue. */
    public LayerKind kind() {
        return kind;
    }

    /** The runtime DL4J layer (for a frozen layer, the frozen wrapper). */
    public org.deeplearning4j.nn.api.Layer dl4jLayer() {
        return dl4jLayer;
    }

    /** Whether the layer configuration, its frozen wrapper or the runtime layer is an instance of {@code type}. */
    public boolean is(Class<?> type) {
        return type.isInstance(layer) || (wrapper != null && type.isInstance(wrapper)) || type.isInstance(dl4jLayer);
    }

    /** Whether the layer is wrapped in a {@code FrozenLayer} or {@code FrozenLayerWithBackprop}. */
    public boolean frozen() {
        return wrapper != null;
    }

    /** Names of the vertices feeding this layer in a ComputationGraph; empty for a MultiLayerNetwork. */
    public List<String> inputs() {
        return inputs;
    }

    /** PyTorch's {@code weight} as a view ({@code [out, in, ...]}), or {@code null} where the module has none. */
    public INDArray weight() {
        return torch.containsKey("weight") ? param("weight") : null;
    }

    /**
     * PyTorch's {@code bias} as a view, or {@code null} where absent (e.g. {@code hasBias(false)}).
     * {@code m.fill("bias", ...)} and {@code m.param("bias")} instead throw an {@code IllegalArgumentException}
     * that names the layer.
     */
    public INDArray bias() {
        return torch.containsKey("bias") ? param("bias") : null;
    }

    /**
     * A parameter as a view whose writes land in the network: by PyTorch name (see {@link #paramNames()}),
     * else by DL4J key (see {@link #dl4jParams()}) in DL4J's layout.
     *
     * @throws IllegalArgumentException when the layer has no such parameter
     * @throws IllegalStateException    when the PyTorch tensor has no view (use {@link #update} instead)
     */
    public INDArray param(String torchName) {
        ParamBinding binding = torch.get(torchName);
        if (binding != null) {
            INDArray view = binding.view();
            if (view == null) {
                throw new IllegalStateException("layer " + name + ": " + binding.caveat());
            }
            return view;
        }
        INDArray dl4j = raw.get(torchName);
        if (dl4j != null) {
            return dl4j;
        }
        throw unknown(torchName);
    }

    /** Whether {@link #param} knows {@code name}, as a PyTorch name or a DL4J key. */
    public boolean has(String name) {
        return torch.containsKey(name) || raw.containsKey(name);
    }

    /** The PyTorch parameter (and buffer) names, in PyTorch's registration order. */
    public List<String> paramNames() {
        return new ArrayList<>(torch.keySet());
    }

    /** DL4J's parameters by key ({@code "W"}, {@code "b"}, {@code "RW"}, ...), as DL4J's views. */
    public Map<String, INDArray> dl4jParams() {
        return raw;
    }

    /** The PyTorch shape of a parameter (DL4J's shape for a DL4J key). */
    public long[] shape(String name) {
        return binding(name).shape();
    }

    /** The data type of a parameter (the network's). */
    public DataType dataType(String name) {
        return binding(name).dataType();
    }

    /** A copy of a parameter in PyTorch layout and order (c-order), translated where DL4J stores it otherwise. */
    public INDArray read(String name) {
        return binding(name).read();
    }

    /**
     * Writes PyTorch-layout values into the network, translated where DL4J stores them otherwise (gate order,
     * log10 std, split arrays).
     *
     * @throws IllegalArgumentException when the shape is not the parameter's PyTorch shape
     */
    public void assign(String name, INDArray torchValues) {
        binding(name).write(torchValues);
    }

    /** Throws what {@link #assign} would throw, writing nothing. */
    void check(String name, INDArray torchValues) {
        binding(name).check(torchValues);
    }

    /**
     * Runs {@code fn} on the parameter as exactly PyTorch's tensor: a contiguous c-order PyTorch-layout copy
     * (what PyTorch's generator fills, so a {@code TorchGenerator} reproduces PyTorch's values), written back
     * afterwards. Use it for per-row or position-dependent functions (orthogonal, eye, dirac, sparse) and
     * wherever {@link #param} would refuse.
     *
     * <pre>{@code
     * m.update("weight_hh", w -> Init.orthogonal(w));           // LSTM: orthogonal in torch's gate order
     * m.update("running_var", v -> Init.ones(v));               // BatchNorm, whatever DL4J stores
     * }</pre>
     */
    public void update(String name, Consumer<INDArray> fn) {
        ParamBinding binding = binding(name);
        INDArray copy = binding.read();
        run(name, fn, copy);
        binding.write(copy);
    }

    /** Runs {@code fn}; a rejected argument (e.g. orthogonal on a vector) comes back naming this layer. */
    private void run(String param, Consumer<INDArray> fn, INDArray tensor) {
        try {
            fn.accept(tensor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + name + " (" + layer.getClass().getSimpleName() + "), "
                    + param + " " + java.util.Arrays.toString(tensor.shape()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs an element-wise {@code fn} (any random or constant {@code Init} function) on the parameter's PyTorch
     * tensor: in place on the network's buffer when that buffer holds the tensor densely in PyTorch's row-major
     * order (Dense, convolution, BatchNorm and most parameters: no copy), otherwise through {@link #update}'s
     * exact copy. Either way a {@code TorchGenerator} sees exactly PyTorch's tensor. Functions that index rows,
     * columns or positions (orthogonal, eye, dirac, sparse) belong in {@link #update}.
     *
     * <pre>{@code
     * m.fill("weight", w -> Init.kaimingNormal(w, 0, FanMode.FAN_OUT, Nonlinearity.RELU, null));
     * }</pre>
     */
    public void fill(String name, Consumer<INDArray> fn) {
        INDArray view = rowMajorView(name);
        if (view != null) {
            run(name, fn, view);
        } else {
            update(name, fn);
        }
    }

    /** The parameter's view when it is PyTorch's tensor stored densely row-major; otherwise null. */
    INDArray rowMajorView(String name) {
        ParamBinding binding = binding(name);
        INDArray view = binding.view();
        if (view == null || !binding.exact() || !hasRowMajorStrides(view)
                || !java.util.Arrays.equals(view.shape(), binding.shape())) {
            return null;
        }
        return view;
    }

    /**
     * PyTorch's {@code is_contiguous()} ({@link TensorWalk#contiguous()}: a fresh 'c' array's strides, size-1
     * dimensions aside). ND4J's own check also compares the strides of size-1 dimensions, and so refused the views
     * of every 1x1 convolution (measured: 36 of ResNet-50's 53 convolutions, 12.1M weights, were copied and written
     * back).
     */
    private static boolean hasRowMajorStrides(INDArray view) {
        return TensorWalk.of(view).contiguous();
    }

    private ParamBinding binding(String name) {
        ParamBinding binding = torch.get(name);
        if (binding != null) {
            return binding;
        }
        INDArray dl4j = raw.get(name);
        if (dl4j != null) {
            return new ViewBinding(name, dl4j);
        }
        throw unknown(name);
    }

    private IllegalArgumentException unknown(String param) {
        String kind = layer.getClass().getSimpleName();
        if (param.equals("bias") && !raw.containsKey("b")) {   // the common user mistake gets its own sentence
            return new IllegalArgumentException("layer " + name + " (" + kind + ") has no bias (a layer built with"
                    + " hasBias(false) has none); PyTorch names " + torch.keySet() + ", DL4J keys " + raw.keySet());
        }
        return new IllegalArgumentException("layer " + name + " (" + kind + ") has no parameter name=" + param
                + "; PyTorch names " + torch.keySet() + ", DL4J keys " + raw.keySet()
                + (this.kind == LayerKind.UNKNOWN ? " (LayerKind.UNKNOWN: no PyTorch module in the catalogue)" : ""));
    }

    @Override
    public String toString() {
        return "TorchModule(" + index + ", " + name + ", " + layer.getClass().getSimpleName() + (frozen() ? ", frozen" : "")
                + ", " + torch.keySet() + ")";
    }
}
