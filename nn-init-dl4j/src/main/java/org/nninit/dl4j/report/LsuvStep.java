package org.nninit.dl4j.report;

/**
 * What {@link Lsuv} did to one layer.
 *
 * @param name            layer name
 * @param initialVariance variance of the layer's pre-activation before rescaling
 * @param finalVariance   variance after the last rescale
 * @param iterations      rescales applied (0 when it was already within tolerance)
 * @param converged       whether {@code |finalVariance - 1| <= tolerance}
 * @param frozen          the layer is frozen and was left as it was (variances NaN)
 */
public record LsuvStep(String name, double initialVariance, double finalVariance, int iterations,
                       boolean converged, boolean frozen) {

    /** A rescaled (or already unit-variance) layer. */
    public LsuvStep(String name, double initialVariance, double finalVariance, int iterations, boolean converged) {
        this(name, initialVariance, finalVariance, iterations, converged, false);
    }

    static LsuvStep frozen(String name) {
        return new LsuvStep(name, Double.NaN, Double.NaN, 0, false, true);
    }
}
