package org.nninit.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code model.apply(fn)} for DL4J networks: visits every layer once, in order, and hands
 * {@code fn} a {@link TorchModule} whose parameters are PyTorch-layout views into the network's parameters.
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * net.init();
 * NnInit.apply(net, m -> {
 *     if (m.is(DenseLayer.class)) {
 *         Init.xavierUniform(m.weight());      // [out, in], PyTorch's fans
 *         Init.zeros(m.bias());
 *     }
 * });
 * NnInit.apply(net, Select.type(BatchNormalization.class).and(Select.trainable()), m -> Init.ones(m.weight()));
 * }</pre>
 *
 * <p>Order: PyTorch's module order. Layer index for a MultiLayerNetwork; for a ComputationGraph the order in which
 * the vertices were added to the configuration, so that a port written line by line from the PyTorch module
 * draws in PyTorch's order (not the topological order DL4J lays parameters out in). Vertices without a layer (merge, element-wise, ...)
 * are skipped. Layers without a PyTorch twin are still visited, with their DL4J parameters by key.
 */
public final class NnInit {

    private NnInit() {
    }

    /** Calls {@code fn} on every layer of an initialized network, in index order. */
    public static void apply(MultiLayerNetwork net, Consumer<TorchModule> fn) {
        requireFn(fn);
        modules(net).forEach(fn);
    }

    /** Calls {@code fn} on every layer vertex of an initialized graph, in the order they were added. */
    public static void apply(ComputationGraph net, Consumer<TorchModule> fn) {
        requireFn(fn);
        modules(net).forEach(fn);
    }

    /** Calls {@code fn} on the layers {@code select} accepts (see {@link Select}). */
    public static void apply(MultiLayerNetwork net, Predicate<TorchModule> select, Consumer<TorchModule> fn) {
        requireFn(fn);
        requireSelect(select);
        modules(net).stream().filter(select).forEach(fn);
    }

    /** Calls {@code fn} on the layers {@code select} accepts (see {@link Select}). */
    public static void apply(ComputationGraph net, Predicate<TorchModule> select, Consumer<TorchModule> fn) {
        requireFn(fn);
        requireSelect(select);
        modules(net).stream().filter(select).forEach(fn);
    }

    /**
     * The layers of an initialized network as modules, in index order.
     *
     * @throws IllegalArgumentException when the network is null or {@code init()} has not been called
     */
    public static List<TorchModule> modules(MultiLayerNetwork net) {
        if (net == null || net.getLayers() == null) {
            throw new IllegalArgumentException("net must be an initialized MultiLayerNetwork (call net.init()), but "
                    + "found " + (net == null ? "null" : "one without layers"));
        }
        List<TorchModule> out = new ArrayList<>();
        org.deeplearning4j.nn.api.Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            // The network configuration keeps frozen wrappers; the runtime layer's conf is the inner layer's.
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            String name = conf.getLayerName() != null ? conf.getLayerName() : "layer" + i;
            out.add(module(name, i, conf, layers[i], List.of()));
        }
        return out;
    }

    /**
     * The layer vertices of an initialized graph as modules, in the order they were added to the configuration.
     *
     * @throws IllegalArgumentException when the graph is null or {@code init()} has not been called
     */
    public static List<TorchModule> modules(ComputationGraph net) {
        if (net == null || net.getVertices() == null) {
            throw new IllegalArgumentException("net must be an initialized ComputationGraph (call net.init()), but "
                    + "found " + (net == null ? "null" : "one without vertices"));
        }
        Map<String, List<String>> vertexInputs = net.getConfiguration().getVertexInputs();
        List<TorchModule> out = new ArrayList<>();
        // The configuration keeps the vertices in the order they were added (a LinkedHashMap, also through JSON):
        // a port written line by line from the PyTorch module adds them in its registration order, which is the
        // order PyTorch constructs and initializes them. The topological order would put, e.g., a ResNet
        // block's downsample conv right after the block input.
        for (String name : net.getConfiguration().getVertices().keySet()) {
            GraphVertex vertex = net.getVertex(name);
            if (vertex == null || !vertex.hasLayer()) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer layer = vertex.getLayer();
            Layer conf = net.getConfiguration().getVertices().get(name) instanceof LayerVertex lv
                    && lv.getLayerConf() != null ? lv.getLayerConf().getLayer() : layer.conf().getLayer();
            out.add(module(name, out.size(), conf, layer,
                    vertexInputs.getOrDefault(name, List.of())));
        }
        return out;
    }

    /**
     * Builds a graph and initializes it with {@code initializer} alone, writing every parameter once: DL4J's
     * {@code init()} would first initialize every parameter its own way, and a recipe would then draw them all
     * again. The graph is built with DL4J's {@code init(params, false)} (parameter views over a buffer, no DL4J
     * initialization), then {@code initializer} runs on it as on any initialized graph. A parameter the
     * initializer leaves unwritten (a layer the {@link LayerKind} catalogue does not know, or a DL4J parameter a
     * recipe does not touch) gets DL4J's own initializer for its layer, and the log says which.
     *
     * <p>Every parameter the initializer writes has exactly the value it gets on a graph built with {@code init()}
     * (the initializer sees the same views and draws from its own generator); a parameter left to DL4J is drawn
     * from DL4J's RNG at another position than in {@code init()} (the other layers' DL4J draws are never made), so
     * it has DL4J's distribution but not the same numbers.
     *
     * <pre>{@code
     * ComputationGraph net = NnInit.create(conf, g -> Recipes.resnet(g, true, new TorchGenerator(0)));
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code conf} or {@code initializer} is null
     */
    public static ComputationGraph create(ComputationGraphConfiguration conf, Consumer<ComputationGraph> initializer) {
        requireConf(conf);
        requireFn(initializer);
        ComputationGraph net = new ComputationGraph(conf);
        net.init(OnePass.unwrittenBuffer(conf.getDataType(), OnePass.numParams(conf)), false);
        initializer.accept(net);
        modules(net).forEach(OnePass::completeWithDl4j);
        return net;
    }

    /** As {@link #create(ComputationGraphConfiguration, Consumer)}, for a sequential network. */
    public static MultiLayerNetwork create(MultiLayerConfiguration conf, Consumer<MultiLayerNetwork> initializer) {
        requireConf(conf);
        requireFn(initializer);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(OnePass.unwrittenBuffer(conf.getDataType(), OnePass.numParams(conf)), false);
        initializer.accept(net);
        modules(net).forEach(OnePass::completeWithDl4j);
        return net;
    }

    private static void requireConf(Object conf) {
        if (conf == null) {
            throw new IllegalArgumentException("conf is null");
        }
    }

    private static TorchModule module(String name, int index, Layer conf, org.deeplearning4j.nn.api.Layer layer,
                                 List<String> inputs) {
        Layer wrapper = null;
        Layer inner = conf;
        // Unwrap nested frozen wrappers; the outermost wrapper marks the module frozen.
        while (true) {
            if (inner instanceof FrozenLayer frozen) {
                wrapper = wrapper == null ? inner : wrapper;
                inner = frozen.getLayer();
            } else if (inner instanceof FrozenLayerWithBackprop frozen) {
                wrapper = wrapper == null ? inner : wrapper;
                inner = frozen.getUnderlying();
            } else {
                break;
            }
        }
        if (wrapper == null && (layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop)) {
            wrapper = conf;   // frozen at run time (e.g. by TransferLearning) without a wrapper in the config
        }
        Map<String, INDArray> params = layer.paramTable();
        return new TorchModule(name, index, inner, wrapper, layer, params, inputs);
    }

    private static void requireSelect(Object select) {
        if (select == null) {
            throw new IllegalArgumentException("select is null");
        }
    }

    private static void requireFn(Object fn) {
        if (fn == null) {
            throw new IllegalArgumentException("fn is null");
        }
    }
}
