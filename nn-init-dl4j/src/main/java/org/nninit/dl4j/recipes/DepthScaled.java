package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Init;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.Generator;

/**
 * Depth-scaled residual output projections for transformers: GPT-2's (as nanoGPT writes it) and torchtitan's
 * {@code depth_init}. A residual output projection is a layer whose output is added to the residual stream:
 * attention's output projection and the MLP's last Linear.
 *
 * <p><b>Naming the projections.</b> The caller lists layer or vertex names ({@link TorchModule#name()}). A listed
 * Linear (Dense) has its {@code weight} scaled; a listed {@code SelfAttentionLayer} has its output projection
 * ({@code out_proj.weight}) scaled, its q/k/v projection drawn with the base std.
 *
 * <p><b>GPT-2</b> ({@link #gpt2}; Radford et al. 2019: "we scale the weights of residual layers at initialization
 * by a factor of 1/√N where N is the number of residual layers"; nanoGPT's {@code GPT.__init__}): every Linear
 * and attention projection N(0, 0.02), the listed residual projections N(0, 0.02/√(2·n_layer)) (two residual
 * layers per block), every embedding N(0, 0.02), every Linear bias 0. nanoGPT first draws every Linear at 0.02
 * and then redraws the projections; here each tensor is drawn once, in module order, so the values (not the
 * distributions) differ from nanoGPT's stream.
 *
 * <p><b>torchtitan</b> ({@link #torchtitan}; pytorch/torchtitan, {@code torchtitan/models/llama3/model/model.py}:
 * {@code TransformerBlock.__init__} and the {@code init_weights} methods): block {@code layer_id} (0-based) has
 * {@code weight_init_std = 0.02/√(2·(layer_id+1))} with {@code depth_init}, else {@code 0.02/√(2·n_layers)}.
 * Its output projections get {@code trunc_normal_(std=weight_init_std)} (torchtitan scales {@code attention.wo},
 * {@code feed_forward.w2} and also {@code feed_forward.w3}: list what your port has); every other Linear and the
 * q/k/v projections {@code trunc_normal_(std=0.02)}; embeddings {@code normal_(std=1)}; the output layer
 * ({@code BaseOutputLayer}, torchtitan's {@code output}) {@code trunc_normal_(std=d^-0.5, a=-3·d^-0.5,
 * b=3·d^-0.5)} with {@code d} its input width; biases (torchtitan has none) 0. {@code trunc_normal_}'s bounds
 * are PyTorch's default ±2 (absolute, so about 100 std at 0.02: untruncated in practice) except for the output.
 *
 * <p>Other layers (convolutions, normalization, recurrent) are left unchanged. Draws go in module order from one
 * generator ({@code null}: ND4J's global RNG).
 *
 * <pre>{@code
 * DepthScaled.gpt2(net, List.of("attn0", "mlp0_proj", "attn1", "mlp1_proj"), 2, null);
 * DepthScaled.torchtitan(net, List.of(List.of("attn0", "w2_0"), List.of("attn1", "w2_1")), true, null);
 * }</pre>
 */
public final class DepthScaled {

    /** GPT-2's and torchtitan's base std. */
    public static final double BASE_STD = 0.02;

    private DepthScaled() {
    }

    /**
     * GPT-2's init with N(0, 0.02/√(2·n_layer)) on the named residual projections.
     *
     * @param residualProjections names of the residual output projections (Dense or SelfAttention layers)
     * @param nLayer              the number of transformer blocks, n_layer
     * @throws IllegalArgumentException when {@code net} or a name is null, a name is unknown or not a Linear or
     *                                  attention layer, or {@code nLayer < 1}; the network is then unchanged
     */
    public static PolicyReport gpt2(MultiLayerNetwork net, Collection<String> residualProjections, int nLayer,
                                    Generator generator) {
        return gpt2(NnInit.modules(net), residualProjections, nLayer, generator);
    }

    /** See {@link #gpt2(MultiLayerNetwork, Collection, int, Generator)}. */
    public static PolicyReport gpt2(ComputationGraph net, Collection<String> residualProjections, int nLayer,
                                    Generator generator) {
        return gpt2(NnInit.modules(net), residualProjections, nLayer, generator);
    }

    /**
     * torchtitan's init: {@code blockProjections.get(layer_id)} names block {@code layer_id}'s output
     * projections; {@code n_layers = blockProjections.size()}.
     *
     * @param depthInit torchtitan's {@code depth_init}: std 0.02/√(2·(layer_id+1)) when true, else 0.02/√(2·n_layers)
     * @throws IllegalArgumentException when {@code net} or {@code blockProjections} is null, it lists no block, a
     *                                  name is null, unknown, listed twice, or not a Linear or attention layer
     *                                  (the output layer included); the network is then unchanged
     */
    public static PolicyReport torchtitan(MultiLayerNetwork net, List<List<String>> blockProjections,
                                          boolean depthInit, Generator generator) {
        return torchtitan(NnInit.modules(net), blockProjections, depthInit, generator);
    }

    /** See {@link #torchtitan(MultiLayerNetwork, List, boolean, Generator)}. */
    public static PolicyReport torchtitan(ComputationGraph net, List<List<String>> blockProjections,
                                          boolean depthInit, Generator generator) {
        return torchtitan(NnInit.modules(net), blockProjections, depthInit, generator);
    }

    /** GPT-2's residual-projection std, 0.02/√(2·n_layer). */
    public static double gpt2Std(int nLayer) {
        if (nLayer < 1) {
            throw new IllegalArgumentException("nLayer must be >= 1, but found nLayer=" + nLayer);
        }
        return BASE_STD / Math.sqrt(2.0 * nLayer);
    }

    /** torchtitan's {@code weight_init_std} of block {@code layerId} (0-based) of {@code nLayers}. */
    public static double torchtitanStd(int layerId, int nLayers, boolean depthInit) {
        if (nLayers < 1) {
            throw new IllegalArgumentException("nLayers must be >= 1, but found nLayers=" + nLayers);
        }
        if (layerId < 0 || layerId >= nLayers) {
            throw new IllegalArgumentException("layerId must be in [0, nLayers), but found layerId=" + layerId
                    + ", nLayers=" + nLayers);
        }
        return BASE_STD / Math.sqrt(2.0 * (depthInit ? layerId + 1 : nLayers));
    }

    private static PolicyReport gpt2(List<TorchModule> modules, Collection<String> projections, int nLayer,
                                     Generator generator) {
        double scaled = gpt2Std(nLayer);
        PolicySupport.requireElements("residualProjections", projections);
        Map<String, TorchModule> byName = PolicySupport.byName(modules);
        Map<String, Double> projectionStd = new HashMap<>();
        int i = 0;
        for (String name : projections) {
            requireProjection(PolicySupport.require(byName, "residualProjections[" + i + "]", name),
                    "residualProjections[" + i + "]");
            projectionStd.put(name, scaled);
            i++;
        }
        Generator gen = Generator.orGlobal(generator);
        List<LayerInit> out = new ArrayList<>();
        for (TorchModule m : modules) {
            Double std = projectionStd.get(m.name());
            String rule = std == null ? "normal_(std=0.02)" : "normal_(std=0.02/sqrt(2*" + nLayer + "))";
            out.add(switch (PolicySupport.kind(m)) {
                case LINEAR -> linear(m, rule, w -> Init.normal(w, 0, std == null ? BASE_STD : std, gen),
                        std == null ? BASE_STD : std);
                case ATTENTION -> attention(m, rule, BASE_STD, std == null ? BASE_STD : std,
                        (w, s) -> Init.normal(w, 0, s, gen));
                case EMBEDDING -> embedding(m, "normal_(std=0.02)", BASE_STD, w -> Init.normal(w, 0, BASE_STD, gen));
                default -> LayerInit.unchanged(m);
            });
        }
        return new PolicyReport("gpt2", out);
    }

    private static PolicyReport torchtitan(List<TorchModule> modules, List<List<String>> blocks, boolean depthInit,
                                           Generator generator) {
        PolicySupport.requireElements("blockProjections", blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("blockProjections must list at least one block (n_layers >= 1), but "
                    + "found blockProjections=[]");
        }
        Map<String, TorchModule> byName = PolicySupport.byName(modules);
        Map<String, Double> projectionStd = new HashMap<>();
        Map<String, Integer> blockOf = new HashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            PolicySupport.requireElements("blockProjections[" + b + "]", blocks.get(b));
            for (int i = 0; i < blocks.get(b).size(); i++) {
                String arg = "blockProjections[" + b + "][" + i + "]";
                TorchModule m = PolicySupport.require(byName, arg, blocks.get(b).get(i));
                requireProjection(m, arg);
                if (projectionStd.put(m.name(), torchtitanStd(b, blocks.size(), depthInit)) != null) {
                    throw new IllegalArgumentException(arg + "=" + m.name() + " is listed in more than one place");
                }
                blockOf.put(m.name(), b);
            }
        }
        Generator gen = Generator.orGlobal(generator);
        List<LayerInit> out = new ArrayList<>();
        for (TorchModule m : modules) {
            Double std = projectionStd.get(m.name());
            double s = std == null ? BASE_STD : std;
            String rule = std == null ? "trunc_normal_(std=0.02)" : "trunc_normal_(std=0.02/sqrt(2*"
                    + (depthInit ? (blockOf.get(m.name()) + 1) + ")) (depth_init, layer_id=" + blockOf.get(m.name()) + ")"
                    : blocks.size() + "))");
            out.add(switch (PolicySupport.kind(m)) {
                case LINEAR -> PolicySupport.output(m) ? titanOutput(m, gen)
                        : linear(m, rule, w -> Init.truncNormal(w, 0, s, -2, 2, gen), s);
                case ATTENTION -> attention(m, rule, BASE_STD, s, (w, sd) -> Init.truncNormal(w, 0, sd, -2, 2, gen));
                case EMBEDDING -> embedding(m, "normal_(std=1)", 1.0, w -> Init.normal(w, 0, 1, gen));
                default -> LayerInit.unchanged(m);
            });
        }
        return new PolicyReport(depthInit ? "torchtitan(depth_init=True)" : "torchtitan(depth_init=False)", out);
    }

    /** torchtitan's output layer: trunc_normal_(std=d^-0.5, a=-3·d^-0.5, b=3·d^-0.5), d = its input width. */
    private static LayerInit titanOutput(TorchModule m, Generator gen) {
        double std = Math.pow(PolicySupport.fans(m, "weight").fanIn(), -0.5);
        return linear(m, "trunc_normal_(std=d^-0.5, a=-3*std, b=3*std) (output)",
                w -> Init.truncNormal(w, 0, std, -3 * std, 3 * std, gen), std);
    }

    private static void requireProjection(TorchModule m, String arg) {
        PolicySupport.Kind kind = PolicySupport.kind(m);
        if (!(kind == PolicySupport.Kind.LINEAR && !PolicySupport.output(m)) && kind != PolicySupport.Kind.ATTENTION) {
            throw new IllegalArgumentException(arg + "=" + m.name() + " is a " + m.layer().getClass().getSimpleName()
                    + "; a residual output projection is a Dense (not output) or SelfAttention layer");
        }
    }

    private static LayerInit linear(TorchModule m, String rule, Consumer<INDArray> weight, double std) {
        Map<String, Double> stds = new LinkedHashMap<>();
        m.fill("weight", weight);
        stds.put("weight", std);
        PolicySupport.zeroBiases(m, stds);
        return new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m), rule,
                Double.NaN, "-", stds);
    }

    /** The packed q/k/v projection with {@code inStd}, then the output projection with {@code outStd}. */
    private static LayerInit attention(TorchModule m, String outRule, double inStd, double outStd,
                                       java.util.function.ObjDoubleConsumer<INDArray> draw) {
        Map<String, Double> stds = new LinkedHashMap<>();
        m.fill(PolicySupport.IN_PROJ, w -> draw.accept(w, inStd));
        stds.put(PolicySupport.IN_PROJ, inStd);
        m.fill(PolicySupport.OUT_PROJ, w -> draw.accept(w, outStd));
        stds.put(PolicySupport.OUT_PROJ, outStd);
        return new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m),
                "q/k/v: std=" + inStd + "; out_proj: " + outRule, Double.NaN, "-", stds);
    }

    private static LayerInit embedding(TorchModule m, String rule, double std, Consumer<INDArray> weight) {
        m.fill("weight", weight);
        return new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m), rule,
                Double.NaN, "-", Map.of("weight", std));
    }
}
