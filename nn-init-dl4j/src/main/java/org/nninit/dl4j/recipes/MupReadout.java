package org.nninit.dl4j.recipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nninit.Init;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.Generator;

/**
 * A muP-style readout (Yang, Hu, Babuschkin, Sidor, Liu, Farhi, Ryder, Pachocki, Chen and Gao, "Tensor
 * Programs V: Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer", 2022, arXiv:2203.03466):
 * the output layer either starts at 0 or gets a std that shrinks as 1/width. Only the readout changes: the
 * rest of muP (per-layer learning rates, attention's 1/d scaling) is the optimizer's and the model's job.
 *
 * <p><b>Zero</b> ({@link #zero}): weight and bias 0, what the paper recommends for the readout and the
 * {@code mup} package offers as {@code MuReadout(readout_zero_init=True)}.
 *
 * <p><b>Width-scaled</b> ({@link #widthScaled}): {@code std = baseStd · baseWidth / width}, weight
 * N(0, std²), bias 0, where {@code width} is the readout's input width (PyTorch's fan_in of its
 * {@code [out, in]} weight) and {@code baseStd} the std tuned on the base model of width {@code baseWidth}.
 * This is Table 3 of the paper (muP without an output multiplier): the output weights' initial variance goes as
 * 1/fan_in², i.e. std ∝ 1/width, where standard parametrization's 1/fan_in gives only
 * {@code baseStd·√(baseWidth/width)}. A DL4J output layer has no forward multiplier, so the {@code mup}
 * package's form (Table 8: a 1/width_mult multiplier in {@code MuReadout.forward} and the weight rescaled by
 * √width_mult) is folded into the std here: the products W·x at initialization are the same.
 *
 * <p>The readout is every DL4J output layer ({@code BaseOutputLayer}: OutputLayer, RnnOutputLayer, ...); other
 * layers are left unchanged.
 *
 * <pre>{@code
 * MupReadout.zero(net);
 * MupReadout.widthScaled(net, 256, 0.02, null);   // tuned with std 0.02 at width 256
 * }</pre>
 */
public final class MupReadout {

    private MupReadout() {
    }

    /**
     * Sets every output layer's weight and bias to 0.
     *
     * @throws IllegalArgumentException when {@code net} is null, not initialized or has no output layer
     */
    public static PolicyReport zero(MultiLayerNetwork net) {
        return run(NnInit.modules(net), Double.NaN, 0, 0, null);
    }

    /** See {@link #zero(MultiLayerNetwork)}. */
    public static PolicyReport zero(ComputationGraph net) {
        return run(NnInit.modules(net), Double.NaN, 0, 0, null);
    }

    /**
     * Draws every output layer's weight from N(0, (baseStd·baseWidth/width)²); biases 0.
     *
     * @param baseWidth the base model's readout input width, {@code >= 1}
     * @param baseStd   the readout std tuned at {@code baseWidth}, finite and {@code >= 0}
     * @throws IllegalArgumentException when {@code net} is null, not initialized or has no output layer, or an
     *                                  argument is out of range; the network is then unchanged
     */
    public static PolicyReport widthScaled(MultiLayerNetwork net, long baseWidth, double baseStd, Generator generator) {
        return run(NnInit.modules(net), 1, baseWidth, baseStd, generator);
    }

    /** See {@link #widthScaled(MultiLayerNetwork, long, double, Generator)}. */
    public static PolicyReport widthScaled(ComputationGraph net, long baseWidth, double baseStd, Generator generator) {
        return run(NnInit.modules(net), 1, baseWidth, baseStd, generator);
    }

    /** The width-scaled readout std, {@code baseStd · baseWidth / width}. */
    public static double std(long baseWidth, double baseStd, long width) {
        if (baseWidth < 1) {
            throw new IllegalArgumentException("baseWidth must be >= 1, but found baseWidth=" + baseWidth);
        }
        if (!(baseStd >= 0) || Double.isInfinite(baseStd)) {
            throw new IllegalArgumentException("baseStd must be finite and >= 0, but found baseStd=" + baseStd);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, but found width=" + width);
        }
        return baseStd * baseWidth / width;
    }

    /** {@code scaled} is NaN for the zero readout. */
    private static PolicyReport run(List<TorchModule> modules, double scaled, long baseWidth, double baseStd,
                                    Generator generator) {
        boolean zero = Double.isNaN(scaled);
        if (!zero) {
            std(baseWidth, baseStd, 1);   // checks the arguments before anything is written
        }
        if (modules.stream().noneMatch(PolicySupport::output)) {
            throw new IllegalArgumentException("net has no output layer with a weight (BaseOutputLayer) to use as the "
                    + "readout; its layers are " + modules.stream().map(TorchModule::name).toList());
        }
        Generator gen = Generator.orGlobal(generator);
        List<LayerInit> out = new ArrayList<>();
        for (TorchModule m : modules) {
            if (!PolicySupport.output(m)) {
                out.add(LayerInit.unchanged(m));
            } else if (zero) {
                out.add(new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m),
                        "zeros_ (muP readout)", Double.NaN, "-", PolicySupport.zeroAll(m)));
            } else {
                long width = PolicySupport.fans(m, "weight").fanIn();
                double std = std(baseWidth, baseStd, width);
                m.fill("weight", w -> Init.normal(w, 0, std, gen));
                Map<String, Double> stds = new LinkedHashMap<>();
                stds.put("weight", std);
                PolicySupport.zeroBiases(m, stds);
                out.add(new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m),
                        "normal_(std=" + baseStd + "*" + baseWidth + "/" + width + ") (muP readout)", Double.NaN,
                        "fan_in", stds));
            }
        }
        return new PolicyReport(zero ? "mup-readout(zero)" : "mup-readout(width-scaled)", out);
    }
}
