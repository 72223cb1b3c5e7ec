package org.nninit.dl4j.report;

/**
 * A one-word verdict on a layer's statistics, worst first. The thresholds assume standardized inputs
 * (mean 0, std 1), which is what every initialization rule assumes too: a signal that leaves the
 * [0.1, 10] band within a few layers is the failure He et al. (2015) and Glorot &amp; Bengio (2010) describe.
 */
public enum Health {
    /** The weights, the pre-activations or the outputs hold NaN or an infinity. */
    NOT_FINITE,
    /**
     * A BatchNorm whose scale (gamma) is exactly 0: deliberate, as in ResNet's {@code zero_init_residual}, where it
     * makes each residual branch start as the identity. Its output std is 0 by design, not a collapse.
     */
    ZERO_INIT,
    /** Pre-activation std below {@value #COLLAPSED_BELOW}: the signal is numerically gone. */
    COLLAPSED,
    /** Pre-activation std above {@value #EXPLODING_ABOVE}. */
    EXPLODING,
    /** At least half of the layer's units output 0 for every example of the batch. */
    DEAD_UNITS,
    /** Pre-activation std below {@value #VANISHING_BELOW}. */
    VANISHING,
    /** The weights' std is more than 25% away from what the layer's init rule implies. */
    OFF_RULE,
    /** None of the above. */
    OK;

    public static final double COLLAPSED_BELOW = 1e-4;
    public static final double VANISHING_BELOW = 0.1;
    public static final double EXPLODING_ABOVE = 10;
    public static final double DEAD_AT_LEAST = 0.5;
    /** Measured/expected weight std outside [1/1.25, 1.25] is off-rule. */
    public static final double RULE_TOLERANCE = 1.25;

    /**
     * The worst verdict that applies.
     *
     * @param signalStd    the layer's pre-activation std (its post-activation std where it has no activation)
     * @param deadFraction fraction of units that are 0 for the whole batch, NaN when not measured
     * @param weightRatio  measured / expected weight std, NaN when the layer has no weight or no rule
     */
    public static Health of(double signalStd, double deadFraction, double weightRatio) {
        return of(Double.isFinite(signalStd), signalStd, deadFraction, weightRatio);
    }

    /**
     * The worst verdict that applies, {@link #NOT_FINITE} first: every comparison with NaN is false, so without
     * it a network of NaN weights would pass every other test.
     *
     * @param finite whether the layer's weights and signals are all finite
     */
    public static Health of(boolean finite, double signalStd, double deadFraction, double weightRatio) {
        if (!finite || !Double.isFinite(signalStd)) {
            return NOT_FINITE;
        }
        if (signalStd < COLLAPSED_BELOW) {
            return COLLAPSED;
        }
        if (signalStd > EXPLODING_ABOVE) {
            return EXPLODING;
        }
        if (deadFraction >= DEAD_AT_LEAST) {
            return DEAD_UNITS;
        }
        if (signalStd < VANISHING_BELOW) {
            return VANISHING;
        }
        if (weightRatio > RULE_TOLERANCE || weightRatio < 1 / RULE_TOLERANCE) {
            return OFF_RULE;
        }
        return OK;
    }
}
