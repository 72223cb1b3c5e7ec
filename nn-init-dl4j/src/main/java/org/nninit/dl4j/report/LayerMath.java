package org.nninit.dl4j.report;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nninit.Fans;

/** Per-layer measurements shared by {@link InitReport} and {@link Lsuv}. */
final class LayerMath {

    private LayerMath() {
    }

    /** The layer's activation, or null when it has none (pooling, attention, ...). */
    static IActivation activation(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
            return null; // DL4J's batch norm keeps an activation in its config but never applies it
        }
        if (conf instanceof BaseLayer b) {
            return b.getActivationFn();
        }
        if (conf instanceof ActivationLayer a) {
            return a.getActivationFn();
        }
        return null;
    }

    /**
     * The layer's pre-activation on {@code input}: for a layer with weights, the same forward pass with its
     * activation swapped for identity (W·x + b, whatever the layer type); for an activation layer, its input;
     * for anything else, its output (there is nothing between the two).
     */
    static INDArray preActivation(ProbedLayer p) {
        org.deeplearning4j.nn.conf.layers.Layer conf = p.conf();
        if (conf instanceof ActivationLayer) {
            return p.input();
        }
        if (!(conf instanceof BaseLayer base) || activation(conf) == null) {
            return p.output();
        }
        return linearOutput(p.layer(), base, p.input());
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

    /** The parameter reported as the layer's weight: "W", else the first key starting with "W"; null if none. */
    static String weightKey(Layer layer) {
        if (layer.paramTable() == null || layer.paramTable().isEmpty()) {
            return null;
        }
        if (layer.paramTable().containsKey("W")) {
            return "W";
        }
        return layer.paramTable().keySet().stream().filter(k -> k.startsWith("W")).findFirst().orElse(null);
    }

    /**
     * PyTorch's fans for a DL4J weight parameter, mapping it onto the torch module's tensor: a 2-d
     * [nIn, nOut] weight (Dense, Output, LSTM input weights) is torch's [out, in]; an embedding [V, D] is
     * torch's [V, D]; an attention projection [heads, headSize, nIn] is torch's [heads*headSize, nIn];
     * convolutions already have torch's shape.
     */
    static Fans torchFans(org.deeplearning4j.nn.conf.layers.Layer conf, INDArray weight) {
        long[] s = weight.shape();
        if (s.length == 2 && (conf instanceof EmbeddingLayer || conf instanceof EmbeddingSequenceLayer)) {
            return new Fans(s[1], s[0]);
        }
        if (s.length == 2) {
            return new Fans(s[0], s[1]);
        }
        if (conf instanceof AbstractSameDiffLayer && s.length == 3) {
            return new Fans(s[2], s[0] * s[1]);
        }
        return Fans.of(s);
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
