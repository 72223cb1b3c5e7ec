package org.nninit.dl4j.weights;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The common body of every adapter: fill the PyTorch-layout view of {@code paramView} in place, then hand
 * back {@code paramView.reshape(order, shape)} as DL4J requires (a detached array would leave the layer
 * outside {@code net.params()}, saves and the updater).
 */
abstract class TorchInit implements IWeightInit {

    @Override
    public final INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        INDArray view = TorchLayout.view(shape, order, fanIn, paramView);
        if (indexes()) {
            // ND4J 1.0.0-M2.1's sub-array indexing on a view deep in the parameter buffer can come back empty or
            // misplaced; functions that index rows, columns or positions run on a fresh copy, assigned whole.
            INDArray copy = view.dup('c');
            fill(copy, fanIn, fanOut);
            view.assign(copy);
        } else {
            fill(view, fanIn, fanOut);
        }
        return paramView.reshape(order, shape);
    }

    /** Whether {@link #fill} indexes sub-arrays (rows, columns, positions) rather than filling element-wise. */
    boolean indexes() {
        return false;
    }

    /**
     * Fills {@code torchView} in place.
     *
     * @param torchView the parameter as a PyTorch tensor, a view into the network's parameters
     * @param fanIn     the fan-in DL4J passed (only {@link FanSource#DL4J} uses it)
     * @param fanOut    the fan-out DL4J passed
     */
    abstract void fill(INDArray torchView, double fanIn, double fanOut);

    /** The fan DL4J passed for {@code mode}, checked to be usable as a divisor. */
    static double dl4jFan(double fanIn, double fanOut, org.nninit.FanMode mode) {
        double fan = mode == org.nninit.FanMode.FAN_IN ? fanIn : fanOut;
        if (!(fan > 0) || Double.isInfinite(fan)) {
            throw new IllegalArgumentException("FanSource.DL4J needs a positive finite fan, but DL4J passed "
                    + mode.torchName() + "=" + fan + "; use FanSource.TORCH for this layer");
        }
        return fan;
    }
}
