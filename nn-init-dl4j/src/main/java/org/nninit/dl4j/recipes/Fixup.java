package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.Generator;

/**
 * Fixup (Zhang, Dauphin and Ma, "Fixup Initialization: Residual Learning Without Normalization", ICLR 2019,
 * arXiv:1901.09321), its initialization rules 1 and 2:
 * <ol>
 *   <li>the classification layer and the last layer of each residual branch are set to 0;</li>
 *   <li>every other Linear and convolution gets He's init, and the layers inside residual branches are then
 *       scaled by {@code L^(-1/(2m-2))}, where {@code L} is the number of residual branches and {@code m} the
 *       number of layers in a branch.</li>
 * </ol>
 * Every bias of those layers is set to 0. Rule 3 (a scalar multiplier and scalar biases around each layer) is
 * architecture, not initialization: build it into the network if you want it.
 *
 * <p><b>Which layers form the branches</b> is the caller's to say: {@code branches.get(i)} lists the names
 * ({@link TorchModule#name()}: layer or vertex names) of the weight layers of residual branch {@code i}, in
 * forward order, so its last entry is the one set to 0. For a ResNet BasicBlock {@code relu(x + conv2(relu(conv1(x))))}
 * that is {@code List.of("conv1", "conv2")}. Only Linears and convolutions may be listed (activation, pooling
 * and normalization layers have no weight to scale). {@code m} is each branch's own length, so a network
 * mixing branch lengths gets each branch's {@code L^(-1/(2m-2))}; the paper's networks use one {@code m}.
 *
 * <p><b>He's init</b> is {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')}, std = √2/√fan_out with
 * PyTorch's fans, as the authors' code (hongyi-zhang/Fixup, {@code fixup_resnet_cifar.py}) computes it
 * ({@code sqrt(2 / (shape[0] * prod(shape[2:])))}); the scaled weights are that draw multiplied by the scale in
 * the weight's data type (the authors draw N(0, (std·scale)²) in one call: the same distribution). The
 * classification layer is every DL4J output layer ({@code BaseOutputLayer}: OutputLayer, RnnOutputLayer, ...).
 * Other layers (normalization, embeddings, recurrent, attention) are left unchanged.
 *
 * <pre>{@code
 * // two BasicBlocks: L = 2, m = 2, so c1a and c2a are scaled by 2^(-1/2); c1b and c2b start at 0
 * PolicyReport report = Fixup.apply(graph, List.of(List.of("c1a", "c1b"), List.of("c2a", "c2b")), null);
 * }</pre>
 */
public final class Fixup {

    private Fixup() {
    }

    /**
     * Fixup on an initialized graph.
     *
     * @param branches   the weight layers of each residual branch, in forward order (see the class comment)
     * @param generator  the source of He's draws; {@code null}: ND4J's global RNG
     * @throws IllegalArgumentException when {@code net} or {@code branches} is null, there is no branch, a branch
     *                                  has fewer than 2 layers, a name is unknown, listed twice, an output layer or
     *                                  not a Linear or convolution; the network is then unchanged
     */
    public static PolicyReport apply(ComputationGraph net, List<List<String>> branches, Generator generator) {
        return run(NnInit.modules(net), branches, generator);
    }

    /** See {@link #apply(ComputationGraph, List, Generator)}. */
    public static PolicyReport apply(MultiLayerNetwork net, List<List<String>> branches, Generator generator) {
        return run(NnInit.modules(net), branches, generator);
    }

    /**
     * Fixup's branch scale {@code L^(-1/(2m-2))}.
     *
     * @throws IllegalArgumentException when {@code branches < 1} or {@code layersPerBranch < 2}
     */
    public static double scale(int branches, int layersPerBranch) {
        if (branches < 1) {
            throw new IllegalArgumentException("branches must be >= 1, but found branches=" + branches);
        }
        if (layersPerBranch < 2) {
            throw new IllegalArgumentException("layersPerBranch must be >= 2 (the exponent -1/(2m-2) needs m >= 2), "
                    + "but found layersPerBranch=" + layersPerBranch);
        }
        return Math.pow(branches, -1.0 / (2.0 * layersPerBranch - 2.0));
    }

    /** A branch layer's role: scaled by {@code scale}, or the branch's last layer (scale 0). */
    private record Role(double scale, boolean last) {
    }

    private static PolicyReport run(List<TorchModule> modules, List<List<String>> branches, Generator generator) {
        Map<String, Role> roles = plan(PolicySupport.byName(modules), branches);
        Generator gen = Generator.orGlobal(generator);
        List<LayerInit> out = new ArrayList<>();
        for (TorchModule m : modules) {
            Role role = roles.get(m.name());
            String kind = m.layer().getClass().getSimpleName();
            String act = PolicySupport.activationName(m);
            if (PolicySupport.output(m)) {
                out.add(new LayerInit(m.name(), kind, act, "zeros_ (classification layer)", Double.NaN, "-",
                        PolicySupport.zeroAll(m)));
            } else if (role != null && role.last()) {
                out.add(new LayerInit(m.name(), kind, act, "zeros_ (last layer of a residual branch)", Double.NaN,
                        "-", PolicySupport.zeroAll(m)));
            } else if (PolicySupport.weighted(m)) {
                double scale = role == null ? 1.0 : role.scale();
                out.add(he(m, scale, role != null, gen));
            } else {
                out.add(LayerInit.unchanged(m));
            }
        }
        return new PolicyReport("fixup", out);
    }

    private static LayerInit he(TorchModule m, double scale, boolean inBranch, Generator gen) {
        Map<String, Double> std = new LinkedHashMap<>();
        for (String w : PolicySupport.weights(m)) {
            m.fill(w, t -> {
                Init.kaimingNormal(t, 0, FanMode.FAN_OUT, Nonlinearity.RELU, gen);
                if (inBranch) {
                    t.muli(scale);
                }
            });
            std.put(w, Math.sqrt(2.0) / Math.sqrt(PolicySupport.fans(m, w).fanOut()) * scale);
        }
        PolicySupport.zeroBiases(m, std);
        String rule = "kaiming_normal_(mode='fan_out', nonlinearity='relu')"
                + (inBranch ? " * L^(-1/(2m-2)) = " + scale : "");
        return new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m), rule,
                Math.sqrt(2.0), "fan_out", std);
    }

    /** Each branch layer's role, every argument checked before anything is written. */
    private static Map<String, Role> plan(Map<String, TorchModule> modules, List<List<String>> branches) {
        PolicySupport.requireElements("branches", branches);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("branches must list at least one residual branch, but found branches=[]");
        }
        Map<String, Role> roles = new HashMap<>();
        int count = branches.size();
        for (int b = 0; b < count; b++) {
            List<String> branch = branches.get(b);
            PolicySupport.requireElements("branches[" + b + "]", branch);
            if (branch.size() < 2) {
                throw new IllegalArgumentException("branches[" + b + "] must list at least 2 layers (m >= 2: Fixup "
                        + "scales by L^(-1/(2m-2))), but found branches[" + b + "]=" + branch);
            }
            double scale = scale(count, branch.size());
            for (int i = 0; i < branch.size(); i++) {
                String arg = "branches[" + b + "][" + i + "]";
                TorchModule m = PolicySupport.require(modules, arg, branch.get(i));
                if (!PolicySupport.weighted(m) || PolicySupport.output(m)) {
                    throw new IllegalArgumentException(arg + "=" + m.name() + " is a " + m.layer().getClass().getSimpleName()
                            + (PolicySupport.output(m) ? " (the classification layer, set to 0 anyway)" : "")
                            + "; a residual branch lists Linear and convolution layers only");
                }
                if (roles.put(m.name(), new Role(scale, i == branch.size() - 1)) != null) {
                    throw new IllegalArgumentException(arg + "=" + m.name() + " is listed in more than one place");
                }
            }
        }
        return roles;
    }
}
