package org.nninit.dl4j.weights;

import java.util.Objects;

/**
 * The state both Xavier adapters share ({@code gain}, the fan source), with its checks, value equality and
 * text; the subclasses differ only in the distribution they fill.
 */
abstract class XavierInit extends TorchInit {

    final double gain;
    final FanSource fanSource;

    /** @throws IllegalArgumentException when gain is negative or not finite, or fanSource is null */
    XavierInit(double gain, FanSource fanSource) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be finite and >= 0, but found gain=" + gain);
        }
        if (fanSource == null) {
            throw new IllegalArgumentException("fanSource is null");
        }
        this.gain = gain;
        this.fanSource = fanSource;
    }

    public double gain() {
        return gain;
    }

    public FanSource fanSource() {
        return fanSource;
    }

    /** {@code gain * sqrt(2 / (fanIn + fanOut))} with the fans DL4J passed, for {@link FanSource#DL4J}. */
    double dl4jStd(double fanIn, double fanOut) {
        if (!(fanIn + fanOut > 0) || Double.isInfinite(fanIn + fanOut)) {
            throw new IllegalArgumentException("FanSource.DL4J needs fanIn + fanOut > 0, but DL4J passed fanIn="
                    + fanIn + ", fanOut=" + fanOut + "; use FanSource.TORCH for this layer");
        }
        return gain * Math.sqrt(2 / (fanIn + fanOut));
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Double.compare(gain, ((XavierInit) o).gain) == 0
                && fanSource == ((XavierInit) o).fanSource;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), gain, fanSource);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(gain=" + gain + ", fanSource=" + fanSource + ")";
    }
}
