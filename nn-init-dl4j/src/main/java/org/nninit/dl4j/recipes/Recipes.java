package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchDefaults;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.Generator;

/**
 * Whole-network initialization recipes, each one call, built on {@link NnInit}. Every recipe takes an
 * optional {@link Generator} ({@code null}: ND4J's global RNG, so the network's {@code .seed(...)} keeps
 * it reproducible) and works on {@code MultiLayerNetwork} and {@code ComputationGraph}. Functions run on
 * exactly PyTorch's tensors ({@link TorchModule#fill}, in place where DL4J stores them row-major), so fans are PyTorch's.
 *
 * <pre>{@code
 * Recipes.resnet(graph, true, null);        // torchvision ResNet(zero_init_residual=True)
 * Recipes.transformer(net, null);           // nn.Transformer-style
 * Recipes.dcgan(generatorNet, null);        // DCGAN weights_init
 * }</pre>
 */
public final class Recipes {

    private Recipes() {
    }

    /** PyTorch's module defaults ({@link TorchDefaults#reset(MultiLayerNetwork, Generator)}). */
    public static void torchDefaults(MultiLayerNetwork net, Generator generator) {
        TorchDefaults.reset(net, generator);
    }

    /** PyTorch's module defaults ({@link TorchDefaults#reset(ComputationGraph, Generator)}). */
    public static void torchDefaults(ComputationGraph net, Generator generator) {
        TorchDefaults.reset(net, generator);
    }

    /**
     * torchvision's ResNet initialization on a sequential network (no residual branches): see
     * {@link #resnet(ComputationGraph, boolean, Generator)}.
     */
    public static void resnet(MultiLayerNetwork net, Generator generator) {
        Generator gen = Generator.orGlobal(generator);
        TorchDefaults.reset(net, gen, m -> m.is(ConvolutionLayer.class));
        NnInit.apply(net, m -> resnetLayer(m, false, gen));
    }

    /**
     * torchvision's ResNet initialization, in torchvision's order: every module's PyTorch default first (what
     * constructing the model draws), then every convolution {@code kaiming_normal_(mode='fan_out',
     * nonlinearity='relu')} with its bias (torchvision's convolutions have none) set to 0, every BatchNorm
     * weight 1 and bias 0. Dense layers keep nn.Linear's default, as torchvision's {@code fc} does.
     *
     * <p>With {@code zeroInitResidual}, the last BatchNorm of each residual branch gets weight 0, so every
     * block starts as the identity. A residual branch's last BatchNorm is identified as a BatchNormalization
     * vertex feeding an {@code ElementWiseVertex(Op.Add)} directly; when several inputs of one add are
     * BatchNorms (a projection shortcut conv-BN next to the branch), the one farthest from the network inputs
     * (longest path, the residual branch) is chosen, and all of them on a tie.
     *
     * <p>For draw-by-draw parity with torchvision, build the convolutions with {@code hasBias(false)}.
     */
    public static void resnet(ComputationGraph net, boolean zeroInitResidual, Generator generator) {
        Generator gen = Generator.orGlobal(generator);
        Set<String> lastBn = zeroInitResidual ? residualBranchEnds(net.getConfiguration()) : Set.of();
        // Every convolution is drawn again below: its construction-time draws need only be consumed.
        TorchDefaults.reset(net, gen, m -> m.is(ConvolutionLayer.class));
        NnInit.apply(net, m -> resnetLayer(m, lastBn.contains(m.name()), gen));
    }

    private static void resnetLayer(TorchModule m, boolean zeroGamma, Generator gen) {
        if (m.is(ConvolutionLayer.class)) {
            for (String name : m.paramNames()) {
                if (name.endsWith("weight")) {
                    m.fill(name, w -> Init.kaimingNormal(w, 0, FanMode.FAN_OUT, Nonlinearity.RELU, gen));
                } else {
                    m.fill(name, Init::zeros);
                }
            }
        } else if (m.is(BatchNormalization.class)) {
            fillIfPresent(m, "weight", w -> Init.constant(w, zeroGamma ? 0 : 1));
            fillIfPresent(m, "bias", Init::zeros);
        }
    }

    /**
     * The seed documents' {@code init_transformer} ({@code model.apply(init_transformer)} after construction):
     * PyTorch's defaults first (what constructing the model draws, attention's phantom bias draw included), then
     * in module order every Linear ({@code DenseLayer}, output layers, and attention's out-projection, which is an
     * {@code nn.Linear}) {@code xavier_uniform_} with bias 0, and every Embedding N(0, 0.02). Everything else
     * stays as constructed: attention's in-projection keeps its own {@code xavier_uniform_}, normalization layers
     * their ones and zeros. Bit for bit with a TorchGenerator against real PyTorch ({@code PyTorchModelParityTest}).
     */
    public static void transformer(MultiLayerNetwork net, Generator generator) {
        afterConstruction(net, generator, Recipes::transformerLayer);
    }

    /** See {@link #transformer(MultiLayerNetwork, Generator)}. */
    public static void transformer(ComputationGraph net, Generator generator) {
        afterConstruction(net, generator, Recipes::transformerLayer);
    }

    private static void transformerLayer(TorchModule m, Generator gen) {
        if (m.is(EmbeddingLayer.class) || m.is(EmbeddingSequenceLayer.class)) {
            m.fill("weight", w -> Init.normal(w, 0, 0.02, gen));
        } else if (m.is(DenseLayer.class) || m.is(BaseOutputLayer.class)) {
            fillIfPresent(m, "weight", w -> Init.xavierUniform(w, 1.0, gen));
            fillIfPresent(m, "bias", Init::zeros);
        } else if (m.is(SelfAttentionLayer.class) || m.is(LearnedSelfAttentionLayer.class)) {
            fillIfPresent(m, "out_proj.weight", w -> Init.xavierUniform(w, 1.0, gen));
        }
    }

    /**
     * The DCGAN {@code init_gan} of the seed documents ({@code model.apply(init_gan)} after construction):
     * PyTorch's defaults first (what constructing the model draws), then every convolution's weight (transposed
     * ones included: {@code 'Conv'} in the class name) N(0, 0.02), its bias left as constructed, and every
     * BatchNorm weight N(1, 0.02), bias 0. Nothing else changes: Dense layers keep nn.Linear's default.
     * Bit for bit with a TorchGenerator against real PyTorch ({@code PyTorchModelParityTest}).
     */
    public static void dcgan(MultiLayerNetwork net, Generator generator) {
        afterConstruction(net, generator, Recipes::dcganLayer);
    }

    /** See {@link #dcgan(MultiLayerNetwork, Generator)}. */
    public static void dcgan(ComputationGraph net, Generator generator) {
        afterConstruction(net, generator, Recipes::dcganLayer);
    }

    /**
     * {@code model.apply(fn)} right after construction: PyTorch's defaults (what building the model draws),
     * then {@code layer} on every module in module order, from one generator.
     */
    private static void afterConstruction(MultiLayerNetwork net, Generator generator,
                                          java.util.function.BiConsumer<TorchModule, Generator> layer) {
        Generator gen = Generator.orGlobal(generator);
        TorchDefaults.reset(net, gen);
        NnInit.apply(net, m -> layer.accept(m, gen));
    }

    /** As above, for a graph. */
    private static void afterConstruction(ComputationGraph net, Generator generator,
                                          java.util.function.BiConsumer<TorchModule, Generator> layer) {
        Generator gen = Generator.orGlobal(generator);
        TorchDefaults.reset(net, gen);
        NnInit.apply(net, m -> layer.accept(m, gen));
    }

    private static void dcganLayer(TorchModule m, Generator gen) {
        if (m.is(ConvolutionLayer.class)) {   // Convolution1DLayer and the deconvolutions extend it
            for (String name : m.paramNames()) {
                if (name.endsWith("weight")) {
                    m.fill(name, w -> Init.normal(w, 0, 0.02, gen));
                }
            }
        } else if (m.is(BatchNormalization.class)) {
            fillIfPresent(m, "weight", w -> Init.normal(w, 1, 0.02, gen));
            fillIfPresent(m, "bias", Init::zeros);
        }
    }

    /**
     * torchvision VGG's {@code _initialize_weights} (also the seed documents' {@code MyModel}): PyTorch's defaults
     * first, then every convolution {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')} with bias 0, every
     * BatchNorm weight 1 and bias 0, every Linear (Dense, Output) N(0, 0.01) with bias 0, in module order.
     * Bit for bit with a TorchGenerator against real PyTorch ({@code PyTorchModelParityTest}).
     */
    public static void vgg(MultiLayerNetwork net, Generator generator) {
        afterConstruction(net, generator, Recipes::vggLayer);
    }

    /** See {@link #vgg(MultiLayerNetwork, Generator)}. */
    public static void vgg(ComputationGraph net, Generator generator) {
        afterConstruction(net, generator, Recipes::vggLayer);
    }

    private static void vggLayer(TorchModule m, Generator gen) {
        if (m.is(ConvolutionLayer.class)) {
            fillIfPresent(m, "weight", w -> Init.kaimingNormal(w, 0, FanMode.FAN_OUT, Nonlinearity.RELU, gen));
            fillIfPresent(m, "bias", Init::zeros);
        } else if (m.is(BatchNormalization.class)) {
            fillIfPresent(m, "weight", Init::ones);
            fillIfPresent(m, "bias", Init::zeros);
        } else if (m.is(DenseLayer.class) || m.is(BaseOutputLayer.class)) {
            fillIfPresent(m, "weight", w -> Init.normal(w, 0, 0.01, gen));
            fillIfPresent(m, "bias", Init::zeros);
        }
    }

    /**
     * The names of the BatchNorm vertices that end a residual branch (see
     * {@link #resnet(ComputationGraph, boolean, Generator)}).
     */
    public static Set<String> residualBranchEnds(ComputationGraphConfiguration conf) {
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, Integer> depth = new HashMap<>();
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            if (!(e.getValue() instanceof ElementWiseVertex add) || add.getOp() != ElementWiseVertex.Op.Add) {
                continue;
            }
            List<String> bns = new ArrayList<>();
            for (String in : inputs.getOrDefault(e.getKey(), List.of())) {
                if (isBatchNorm(vertices.get(in))) {
                    bns.add(in);
                }
            }
            int best = -1;
            for (String bn : bns) {
                best = Math.max(best, depth(bn, inputs, depth));
            }
            for (String bn : bns) {
                if (depth(bn, inputs, depth) == best) {
                    out.add(bn);
                }
            }
        }
        return out;
    }

    private static boolean isBatchNorm(GraphVertex vertex) {
        if (!(vertex instanceof LayerVertex lv) || lv.getLayerConf() == null) {
            return false;
        }
        Object layer = lv.getLayerConf().getLayer();
        while (true) {
            if (layer instanceof FrozenLayer f) {
                layer = f.getLayer();
            } else if (layer instanceof FrozenLayerWithBackprop f) {
                layer = f.getUnderlying();
            } else {
                return layer instanceof BatchNormalization;
            }
        }
    }

    /** Longest path (in vertices) from a network input; network inputs have depth 0. */
    private static int depth(String vertex, Map<String, List<String>> inputs, Map<String, Integer> memo) {
        Integer known = memo.get(vertex);
        if (known != null) {
            return known;
        }
        int d = 0;
        for (String in : inputs.getOrDefault(vertex, List.of())) {
            d = Math.max(d, depth(in, inputs, memo) + 1);
        }
        memo.put(vertex, d);
        return d;
    }

    private static void fillIfPresent(TorchModule m, String name, Consumer<org.nd4j.linalg.api.ndarray.INDArray> fn) {
        if (m.has(name)) {
            m.fill(name, fn);
        }
    }
}
