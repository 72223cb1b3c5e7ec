package org.nninit.dl4j.report;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nninit.Fans;
import org.nninit.dl4j.LayerKind;

/** Per-layer measurements shared by {@link InitReport} and {@link Lsuv}. */
final class LayerMath {

    private LayerMath() {
    }

    /** The layer's activation, or null when it has none (batch norm, pooling, attention, ...). */
    static IActivation activation(org.deeplearning4j.nn.conf.layers.Layer conf) {
        return LayerKind.of(conf).activation(conf);
    }

    /**
     * The layer's pre-activation on {@code input}: for a layer with weights, the same forward pass with its
     * activation swapped for identity (W·x + b, whatever the layer type); for an activation layer, its input;
     * for anything else, its output (there is nothing between the two).
     */
    static INDArray preActivation(ProbedLayer p) {
        org.deeplearning4j.nn.conf.layers.Layer conf = p.conf();
        LayerKind kind = LayerKind.of(conf);
        if (kind.activationOnly()) {
            return p.input();
        }
        if (kind.activation(conf) == null) {
            return p.output();
        }
        // The catalogue hands out an activation only for weight layers (BaseLayer) and activation layers.
        return linearOutput(p.layer(), (BaseLayer) conf, p.input());
    }

    /** W·x + b of a weight layer on {@code input}, by running it with an identity activation. */
    static INDArray linearOutput(Layer layer, BaseLayer base, INDArray input) {
        IActivation saved = base.getActivationFn();
        try {
            // BaseLayer.activate reads the activation from the configuration on every call.
            base.setActivationFn(new ActivationIdentity());
            return layer.activate(input.dup(), false, LayerWorkspaceMgr.noWorkspaces()).dup();
        } finally {
            base.setActivationFn(saved);
        }
    }

    /** The DL4J key of the parameter reported as the layer's weight (see {@link LayerKind#weightKey}); null if none. */
    static String weightKey(Layer layer) {
        return LayerKind.of(layer.conf().getLayer()).weightKey(layer.paramTable());
    }

    /** PyTorch's fans for a DL4J weight parameter, read as the PyTorch module's tensor ({@link LayerKind#torchFans}). */
    static Fans torchFans(org.deeplearning4j.nn.conf.layers.Layer conf, INDArray weight) {
        return LayerKind.of(conf).torchFans(conf, weight);
    }

    static double mean(INDArray a) {
        return a == null || a.isEmpty() ? Double.NaN : a.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** No NaN and no infinity (an empty array counts as finite). */
    static boolean allFinite(INDArray a) {
        return a == null || a.isEmpty() || Double.isFinite(a.castTo(DataType.DOUBLE).sumNumber().doubleValue())
                && Double.isFinite(a.castTo(DataType.DOUBLE).amaxNumber().doubleValue());
    }

    /** Population std (divide by n), so a constant array has std exactly 0. */
    static double std(INDArray a) {
        if (a == null || a.isEmpty()) {
            return Double.NaN;
        }
        return a.castTo(DataType.DOUBLE).stdNumber(false).doubleValue();
    }

    /** Population variance. */
    static double variance(INDArray a) {
        double s = std(a);
        return s * s;
    }

    /**
     * Fraction of units that are exactly 0 for every example: features of a [batch, n] output, channels of
     * a [batch, c, ...] output (a conv filter or sequence feature that never fires is one dead unit).
     */
    static double deadFraction(INDArray output) {
        if (output == null || output.rank() < 2 || output.isEmpty()) {
            return Double.NaN;
        }
        INDArray abs = Transforms.abs(output.castTo(DataType.DOUBLE), true);
        int[] reduce = new int[output.rank() - 1];
        reduce[0] = 0;
        for (int d = 2; d < output.rank(); d++) {
            reduce[d - 1] = d;
        }
        INDArray perUnit = abs.max(reduce);
        long dead = perUnit.eq(0.0).castTo(DataType.DOUBLE).sumNumber().longValue();
        return (double) dead / perUnit.length();
    }
}
