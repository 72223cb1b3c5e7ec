package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * {@link ErfInv} against commons-math's {@code Erf.erfInv} (the same published approximation with another
 * logarithm), and against the definition: {@code erf(erfinv(y)) = y}, checked through erfc in the tails.
 */
class ErfInvTest {

    /** Largest relative difference to commons-math over the grids below; measured 3.6e-16 (~1.6 ulp, y = -0.617). */
    private static final double MAX_RELATIVE_TO_COMMONS = 1e-15;

    private static double worst = 0;
    private static double worstAt = Double.NaN;

    private static void compare(double y) {
        double expected = Erf.erfInv(y);
        double actual = ErfInv.erfInv(y);
        double relative = expected == actual ? 0 : Math.abs(actual - expected) / Math.abs(expected);
        if (!(relative <= worst)) {
            worst = relative;
            worstAt = y;
        }
    }

    @Test
    void agreesWithCommonsMathOnADenseGridAndInTheTails() {
        worst = 0;
        // A dense uniform grid of (-1, 1): 4M points.
        int n = 1 << 22;
        for (int k = 1; k < 2 * n; k++) {
            compare(-1.0 + (double) k / n);
        }
        // Tails: 1 - m * 2^-e for every binade down to one ulp below 1, and their negatives (w up to ~37, all
        // three polynomials).
        for (int e = 1; e <= 53; e++) {
            for (int m = 1; m < 1024; m++) {
                double y = 1.0 - m * Math.scalb(1.0, -e) / 1024;
                if (y > -1 && y < 1) {
                    compare(y);
                    compare(-y);
                }
            }
        }
        // Near 0: erfinv(y) ~ y * sqrt(pi) / 2, down to subnormals.
        for (int e = 1; e <= 1074; e++) {
            compare(Math.scalb(1.0, -e));
            compare(-Math.scalb(1.5, -e));
        }
        assertThat(worst).as("max relative difference to Erf.erfInv, at y = %s", worstAt)
                .isLessThanOrEqualTo(MAX_RELATIVE_TO_COMMONS);
    }

    @Test
    void invertsErf() {
        for (int k = -999; k <= 999; k++) {
            double y = k / 1000.0;
            double x = ErfInv.erfInv(y);
            // |erf(x) - y| within a few ulps of 1 (erf's own accuracy, commons-math's erf is ~1e-15).
            assertThat(Erf.erf(x)).as("erf(erfinv(%s))", y).isCloseTo(y, org.assertj.core.data.Offset.offset(1e-14));
        }
        for (int e = 2; e <= 50; e++) {
            double tail = Math.scalb(1.0, -e);
            double x = ErfInv.erfInv(1.0 - tail);
            // In the tail compare erfc(x) with 1 - y = 2^-e (exact), relatively: an error dx in x moves erfc by
            // about 2x dx relatively (x up to 6 here), and commons-math's erfc has its own error.
            assertThat(Erf.erfc(x) / tail).as("erfc(erfinv(1 - 2^-%d)) / 2^-%d", e, e)
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
