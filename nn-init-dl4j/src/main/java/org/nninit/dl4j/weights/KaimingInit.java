package org.nninit.dl4j.weights;

import java.util.Objects;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;

/**
 * The state both Kaiming adapters share ({@code a}, {@code mode}, {@code nonlinearity}, the fan source), with
 * its checks, value equality and text; the subclasses differ only in the distribution they fill.
 */
abstract class KaimingInit extends TorchInit {

    final double a;
    final FanMode mode;
    final Nonlinearity nonlinearity;
    final FanSource fanSource;

    /**
     * @throws IllegalArgumentException when an argument is null or PyTorch's {@code calculate_gain} rejects
     *                                  {@code (nonlinearity, a)}
     */
    KaimingInit(double a, FanMode mode, Nonlinearity nonlinearity, FanSource fanSource) {
        if (mode == null || nonlinearity == null || fanSource == null) {
            throw new IllegalArgumentException("mode, nonlinearity and fanSource must not be null, but found mode="
                    + mode + ", nonlinearity=" + nonlinearity + ", fanSource=" + fanSource);
        }
        Init.calculateGain(nonlinearity, a);   // fail at configuration time, not at net.init()
        this.a = a;
        this.mode = mode;
        this.nonlinearity = nonlinearity;
        this.fanSource = fanSource;
    }

    /** The constructor both subclasses hand to {@link #fromJson}. */
    @FunctionalInterface
    interface Constructor<T extends KaimingInit> {
        T create(double a, FanMode mode, Nonlinearity nonlinearity, FanSource fanSource);
    }

    /** The fields of a JSON configuration, read as strictly as the constructor takes them ({@link JsonFields}). */
    static <T extends KaimingInit> T fromJson(Object a, Object mode, Object nonlinearity, Object fanSource,
                                               Constructor<T> constructor) {
        return constructor.create(JsonFields.number("a", a), JsonFields.constant("mode", mode, FanMode.class),
                JsonFields.constant("nonlinearity", nonlinearity, Nonlinearity.class),
                JsonFields.constant("fanSource", fanSource, FanSource.class));
    }

    public double a() {
        return a;
    }

    public FanMode mode() {
        return mode;
    }

    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    public FanSource fanSource() {
        return fanSource;
    }

    /** {@code gain / sqrt(fan)} with the fan DL4J passed, for {@link FanSource#DL4J}. */
    double dl4jStd(double fanIn, double fanOut) {
        return Init.calculateGain(nonlinearity, a) / Math.sqrt(dl4jFan(fanIn, fanOut, mode));
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Double.compare(a, ((KaimingInit) o).a) == 0
                && mode == ((KaimingInit) o).mode && nonlinearity == ((KaimingInit) o).nonlinearity
                && fanSource == ((KaimingInit) o).fanSource;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), a, mode, nonlinearity, fanSource);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(a=" + a + ", mode=" + mode + ", nonlinearity=" + nonlinearity
                + ", fanSource=" + fanSource + ")";
    }
}
