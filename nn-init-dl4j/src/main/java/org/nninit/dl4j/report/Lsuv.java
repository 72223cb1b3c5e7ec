package org.nninit.dl4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Init;
import org.nninit.dl4j.LayerKind;
import org.nninit.random.Generator;

/**
 * Layer-sequential unit-variance initialization (Mishkin &amp; Matas, "All you need is a good init", 2015):
 * optionally orthogonal weights first, then, layer by layer in forward order, divide the weights by the std
 * of the layer's output on the batch until its variance is 1 within {@code tolerance}.
 *
 * <p>"Output" is the layer's linear output W·x + b (before its activation), as in the authors' PyTorch
 * implementation, which hooks the Linear/Conv module whose ReLU is a separate module. Biases are left alone.
 * Which layers are rescaled is the {@link LayerKind} catalogue's decision ({@link LayerKind#lsuv(
 * org.deeplearning4j.nn.conf.layers.Layer, java.util.Map)}): weight layers with a "W" (Linear, convolutions,
 * recurrent input weights, PReLU); batch norm, pooling, attention and embeddings are skipped. Frozen layers
 * ({@code FrozenLayer}, {@code FrozenLayerWithBackprop}, frozen graph vertices) are left untouched and reported
 * with {@link LsuvStep#frozen()} set.
 *
 * <pre>{@code
 * List<LsuvStep> steps = new Lsuv(0.05, 10, true).apply(net, batch.getFeatures());
 * }</pre>
 *
 * @param tolerance       accepted {@code |variance - 1|}, in (0, 1)
 * @param maxIterations   rescales per layer at most, {@code >= 1}
 * @param orthogonalFirst whether to draw orthogonal weights (gain 1) before rescaling, as the paper does
 */
public record Lsuv(double tolerance, int maxIterations, boolean orthogonalFirst) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Lsuv.class);

    /** The paper's settings: tolerance 0.1, at most 10 iterations, orthogonal pre-initialization. */
    public static final Lsuv PAPER = new Lsuv(0.1, 10, true);

    public Lsuv {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** Rescales {@code net}'s weights in place; one step per rescaled layer. */
    public List<LsuvStep> apply(MultiLayerNetwork net, INDArray features) {
        if (net == null || features == null) {
            throw new IllegalArgumentException("net and features must not be null, got net=" + net
                    + ", features=" + features);
        }
        NetworkProbe.requireProbable(net, features);
        return run(() -> NetworkProbe.probe(net, features));
    }

    /** Rescales a single-input graph's weights in place, in topological order. */
    public List<LsuvStep> apply(ComputationGraph net, INDArray features) {
        if (net == null || features == null) {
            throw new IllegalArgumentException("net and features must not be null, got net=" + net
                    + ", features=" + features);
        }
        NetworkProbe.requireProbable(net, features);
        return run(() -> NetworkProbe.probe(net, features));
    }

    private List<LsuvStep> run(Supplier<List<ProbedLayer>> probe) {
        List<LsuvStep> steps = new ArrayList<>();
        int count = probe.get().size();
        for (int i = 0; i < count; i++) {
            // Re-probe: layer i's input depends on the layers rescaled before it.
            ProbedLayer p = probe.get().get(i);
            if (!LayerKind.of(p.conf()).lsuv(p.conf(), p.layer().paramTable())) {
                continue;
            }
            BaseLayer base = (BaseLayer) p.conf();   // LayerKind.lsuv holds only for weight layers
            if (isFrozen(p.layer())) {
                // Frozen layers hold pretrained weights that fine-tuning must keep: never rescaled.
                LOG.info("LSUV skips frozen layer {}: its pretrained weights are kept", p.name());
                steps.add(LsuvStep.frozen(p.name()));
                continue;
            }
            INDArray w = p.layer().getParam("W");
            if (orthogonalFirst) {
                // Dense-like [nIn, nOut] is torch's [out, in] transposed; convolutions already are torch's shape.
                Init.orthogonal(w.rank() == 2 ? w.transpose() : w, 1.0, Generator.global());
            }
            double variance = LayerMath.variance(LayerMath.linearOutput(p.layer(), base, p.input()));
            double initial = variance;
            int iterations = 0;
            while (Math.abs(variance - 1) > tolerance && iterations < maxIterations
                    && variance > 0 && Double.isFinite(variance)) {
                w.divi(Math.sqrt(variance));
                iterations++;
                variance = LayerMath.variance(LayerMath.linearOutput(p.layer(), base, p.input()));
            }
            steps.add(new LsuvStep(p.name(), initial, variance, iterations, Math.abs(variance - 1) <= tolerance));
        }
        return steps;
    }

    private static boolean isFrozen(org.deeplearning4j.nn.api.Layer layer) {
        return layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
    }
}
