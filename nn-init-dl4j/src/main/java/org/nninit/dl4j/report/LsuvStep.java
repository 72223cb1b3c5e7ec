package org.nninit.dl4j.report;

/**
 * What {@link Lsuv} did to one layer.
 *
 * @param name            layer name
 * @param initialVariance variance of the layer's pre-activation before rescaling
 * @param finalVariance   variance after the last rescale
 * @param iterations      rescales applied (0 when it was already within tolerance)
 * @param converged       whether {@code |finalVariance - 1| <= tolerance}
 */
public record LsuvStep(String name, double initialVariance, double finalVariance, int iterations,
                       boolean converged) {
}
