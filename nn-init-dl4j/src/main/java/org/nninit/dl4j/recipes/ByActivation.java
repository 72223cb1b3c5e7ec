package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nninit.FanMode;
import org.nninit.Fans;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.Generator;

/**
 * Initialize by activation: every Linear and convolution gets the init its own activation calls for, as in the
 * activation-to-init table of the seed documents' He-initialization explainer ({@code INIT_MAPPING}), and every
 * such layer's bias is set to 0. A DL4J layer carries its activation, so no guessing of "the next activation"
 * (the explainer's {@code find_next_activation}) is needed.
 *
 * <table>
 *   <caption>DL4J activation to rule (fans are PyTorch's, from the layer's PyTorch-layout weight)</caption>
 *   <tr><th>activation</th><th>rule</th><th>weight std</th></tr>
 *   <tr><td>relu</td><td>{@code kaiming_normal_(mode='fan_in', nonlinearity='relu')}</td><td>√2/√fan_in</td></tr>
 *   <tr><td>leakyrelu(α) (also relu with a negative slope)</td><td>{@code kaiming_normal_(a=α, mode='fan_in',
 *       nonlinearity='leaky_relu')}</td><td>√(2/(1+α²))/√fan_in</td></tr>
 *   <tr><td>tanh</td><td>{@code xavier_normal_(gain=5/3)}</td><td>(5/3)·√(2/(fan_in+fan_out))</td></tr>
 *   <tr><td>sigmoid</td><td>{@code xavier_uniform_(gain=1)}</td><td>√(2/(fan_in+fan_out))</td></tr>
 *   <tr><td>selu</td><td>LeCun normal: {@code kaiming_normal_(mode='fan_in', nonlinearity='linear')}</td>
 *       <td>1/√fan_in</td></tr>
 *   <tr><td>gelu, swish</td><td>{@code kaiming_normal_(mode='fan_in', nonlinearity='relu')} (an approximation)</td>
 *       <td>√2/√fan_in</td></tr>
 *   <tr><td>identity, softmax (output layers)</td><td>{@code xavier_uniform_(gain=1)}</td>
 *       <td>√(2/(fan_in+fan_out))</td></tr>
 * </table>
 *
 * <p>Choices, and why:
 * <ul>
 *   <li><b>tanh</b> uses {@code calculate_gain('tanh')} = 5/3, as the seed documents' best practice
 *       {@code xavier_normal_(w, gain=calculate_gain('tanh'))} does (the explainer's table passes no gain).</li>
 *   <li><b>selu</b> uses gain 1 ({@code nonlinearity='linear'}, Var(W) = 1/fan_in), not PyTorch's
 *       {@code calculate_gain('selu')} = 3/4: Klambauer et al. (2017) need Var(W) = 1/fan_in for the
 *       self-normalizing fixed point, the explainer maps selu to {@code nonlinearity='linear'}, and PyTorch's
 *       {@code kaiming_normal_} documentation says to use {@code 'linear'} for self-normalizing networks (its 3/4
 *       trades the normalization for gradient flow in rectangular layers).</li>
 *   <li><b>identity and softmax</b> (not in the explainer's table) get Glorot's uniform init, Keras's
 *       {@code Dense} default.</li>
 *   <li>Kaiming rules use PyTorch's default {@code mode='fan_in'}, as the explainer's table does.</li>
 * </ul>
 *
 * <p>Layers other than Linears (Dense, Output, RnnOutput) and convolutions (every {@code ConvolutionLayer},
 * transposed, depthwise and separable ones included) are left unchanged and reported as such. A Linear or
 * convolution whose activation has no rule (e.g. elu, hardtanh) is rejected before anything is written.
 * Draws go in module order from one generator ({@code null}: ND4J's global RNG, so the network's seed keeps
 * it reproducible); with a {@code TorchGenerator} each fill is the PyTorch call it names (the generator is checked
 * against real PyTorch), but the policy as a whole has not been compared with a PyTorch run.
 *
 * <pre>{@code
 * PolicyReport report = ByActivation.apply(net, null);
 * System.out.println(report);             // which rule each layer got
 * }</pre>
 */
public final class ByActivation {

    private ByActivation() {
    }

    /**
     * Initializes every Linear and convolution of an initialized network by its activation; biases 0.
     *
     * @throws IllegalArgumentException when {@code net} is null or not initialized, or a Linear or convolution
     *                                  has an activation without a rule; the network is then unchanged
     */
    public static PolicyReport apply(MultiLayerNetwork net, Generator generator) {
        return run(NnInit.modules(net), generator);
    }

    /** See {@link #apply(MultiLayerNetwork, Generator)}. */
    public static PolicyReport apply(ComputationGraph net, Generator generator) {
        return run(NnInit.modules(net), generator);
    }

    private enum Family { KAIMING_NORMAL, XAVIER_NORMAL, XAVIER_UNIFORM }

    /** One row of the table; {@code a} and {@code nonlinearity} are kaiming's arguments. */
    private record Rule(Family family, double gain, double a, Nonlinearity nonlinearity, String text) {

        static Rule kaiming(double a, Nonlinearity nonlinearity, String why) {
            String args = nonlinearity == Nonlinearity.LEAKY_RELU ? "a=" + a + ", " : "";
            return new Rule(Family.KAIMING_NORMAL, Init.calculateGain(nonlinearity, a), a, nonlinearity,
                    "kaiming_normal_(" + args + "mode='fan_in', nonlinearity='" + nonlinearity.torchName() + "')" + why);
        }

        static Rule xavier(Family family, double gain, String gainText) {
            String fn = family == Family.XAVIER_NORMAL ? "xavier_normal_" : "xavier_uniform_";
            return new Rule(family, gain, 0, null, fn + "(gain=" + gainText + ")");
        }

        String fan() {
            return family == Family.KAIMING_NORMAL ? "fan_in" : "fan_in+fan_out";
        }

        /** The weight's std: kaiming gain/√fan_in; xavier, normal or uniform, gain·√(2/(fan_in+fan_out)). */
        double std(Fans fans) {
            return family == Family.KAIMING_NORMAL ? gain / Math.sqrt(fans.fanIn())
                    : gain * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        }

        void fill(org.nd4j.linalg.api.ndarray.INDArray w, Generator gen) {
            switch (family) {
                case KAIMING_NORMAL -> Init.kaimingNormal(w, a, FanMode.FAN_IN, nonlinearity, gen);
                case XAVIER_NORMAL -> Init.xavierNormal(w, gain, gen);
                default -> Init.xavierUniform(w, gain, gen);
            }
        }
    }

    /**
     * The rule for one layer's activation.
     *
     * @throws IllegalArgumentException when the activation has none
     */
    private static Rule rule(TorchModule m) {
        IActivation act = m.layer() instanceof BaseLayer base ? base.getActivationFn() : null;
        if (act instanceof ActivationReLU relu) {
            Double slope = relu.getNegativeSlope();
            return slope != null && slope != 0 ? Rule.kaiming(slope, Nonlinearity.LEAKY_RELU, "")
                    : Rule.kaiming(0, Nonlinearity.RELU, "");
        } else if (act instanceof ActivationLReLU leaky) {
            return Rule.kaiming(leaky.getAlpha(), Nonlinearity.LEAKY_RELU, "");
        } else if (act instanceof ActivationTanH) {
            return Rule.xavier(Family.XAVIER_NORMAL, Init.calculateGain(Nonlinearity.TANH), "5/3");
        } else if (act instanceof ActivationSigmoid) {
            return Rule.xavier(Family.XAVIER_UNIFORM, 1.0, "1");
        } else if (act instanceof ActivationSELU) {
            return Rule.kaiming(0, Nonlinearity.LINEAR, " (LeCun normal)");
        } else if (act instanceof ActivationGELU || act instanceof ActivationSwish) {
            return Rule.kaiming(0, Nonlinearity.RELU, " (approximation)");
        } else if (act instanceof ActivationIdentity || act instanceof ActivationSoftmax) {
            return Rule.xavier(Family.XAVIER_UNIFORM, 1.0, "1");
        }
        throw new IllegalArgumentException("layer " + m.name() + " (" + m.layer().getClass().getSimpleName()
                + ") has activation=" + act + ", which has no rule; rules exist for relu, leakyrelu, tanh, sigmoid, "
                + "selu, gelu, swish, identity and softmax");
    }

    private static PolicyReport run(List<TorchModule> modules, Generator generator) {
        List<Rule> plan = new ArrayList<>();
        for (TorchModule m : modules) {   // every rule is found before the first write
            plan.add(PolicySupport.weighted(m) ? rule(m) : null);
        }
        Generator gen = Generator.orGlobal(generator);
        List<LayerInit> out = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            TorchModule m = modules.get(i);
            Rule rule = plan.get(i);
            if (rule == null) {
                out.add(LayerInit.unchanged(m));
                continue;
            }
            Map<String, Double> std = new LinkedHashMap<>();
            for (String w : PolicySupport.weights(m)) {
                m.fill(w, t -> rule.fill(t, gen));
                std.put(w, rule.std(PolicySupport.fans(m, w)));
            }
            PolicySupport.zeroBiases(m, std);
            out.add(new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m),
                    rule.text(), rule.gain(), rule.fan(), std));
        }
        return new PolicyReport("by-activation", out);
    }
}
