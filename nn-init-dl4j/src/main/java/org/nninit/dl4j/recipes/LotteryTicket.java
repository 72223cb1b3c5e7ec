package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.Generator;

/**
 * The seed documents' lottery-ticket init (the He-initialization explainer's {@code lottery_ticket_init},
 * after Frankle and Carbin's lottery ticket hypothesis, 2019), on every Linear (Dense, Output, RnnOutput), in
 * module order, exactly as the explainer writes it with {@code sparsity = 1 - keep}:
 * <ol>
 *   <li>{@code kaiming_normal_(weight)} with PyTorch's defaults ({@code a=0, mode='fan_in',
 *       nonlinearity='leaky_relu'}: std = √2/√fan_in);</li>
 *   <li>{@code mask = torch.rand_like(weight) > sparsity}: U[0, 1) drawn after the weight, from the same
 *       generator, each weight kept with probability {@code keep} (the comparison in the weight's data type,
 *       as PyTorch compares a float tensor with a Python scalar);</li>
 *   <li>{@code weight *= mask; weight /= keep}: kept weights divided by {@code keep}, the others exactly 0.</li>
 * </ol>
 * The weights then have std √2/√fan_in/√keep (what {@link LayerInit#std()} reports). Biases and other layers
 * are left unchanged, as in the explainer. With a {@code TorchGenerator}, the draws are nn-init's ports of
 * PyTorch's {@code normal_} and {@code rand_like} on the Linear's contiguous {@code [out, in]} weight; the policy
 * as a whole has not been compared with a PyTorch run.
 *
 * <pre>{@code
 * LotteryTicket.apply(net, 0.1, null);    // keep 10% of each Linear's weights
 * }</pre>
 */
public final class LotteryTicket {

    private LotteryTicket() {
    }

    /**
     * Kaiming init, then a Bernoulli({@code keep}) mask and a rescale by 1/keep, on every Linear.
     *
     * @param keep the probability a weight is kept, in (0, 1]
     * @throws IllegalArgumentException when {@code net} is null or not initialized or {@code keep} is outside
     *                                  (0, 1]; the network is then unchanged
     */
    public static PolicyReport apply(MultiLayerNetwork net, double keep, Generator generator) {
        return run(NnInit.modules(net), keep, generator);
    }

    /** See {@link #apply(MultiLayerNetwork, double, Generator)}. */
    public static PolicyReport apply(ComputationGraph net, double keep, Generator generator) {
        return run(NnInit.modules(net), keep, generator);
    }

    private static PolicyReport run(List<TorchModule> modules, double keep, Generator generator) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep must be in (0, 1], but found keep=" + keep);
        }
        double sparsity = 1 - keep;
        Generator gen = Generator.orGlobal(generator);
        List<LayerInit> out = new ArrayList<>();
        for (TorchModule m : modules) {
            if (PolicySupport.kind(m) != PolicySupport.Kind.LINEAR) {
                out.add(LayerInit.unchanged(m));
                continue;
            }
            m.fill("weight", w -> masked(w, sparsity, keep, gen));
            double std = Math.sqrt(2.0) / Math.sqrt(PolicySupport.fans(m, "weight").fanIn()) / Math.sqrt(keep);
            out.add(new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m),
                    "kaiming_normal_(), then *= (rand_like > " + sparsity + "), /= " + keep, Math.sqrt(2.0), "fan_in",
                    Map.of("weight", std)));
        }
        return new PolicyReport("lottery-ticket(keep=" + keep + ")", out);
    }

    /** One weight: the kaiming draw, then the uniform draw for the mask, then mask and rescale. */
    private static void masked(INDArray w, double sparsity, double keep, Generator gen) {
        Init.kaimingNormal(w, gen);
        INDArray u = Nd4j.create(w.dataType(), w.shape(), 'c');   // rand_like of the contiguous weight
        Init.uniform(u, 0, 1, gen);
        w.muli(u.gt(sparsity).castTo(w.dataType())).divi(keep);
    }
}
