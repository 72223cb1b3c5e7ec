package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * Statistics and checks the policy tests share.
 *
 * <p>Thresholds. Seeds are fixed, so every test is deterministic; the thresholds say how likely a correct
 * sampler would be to fail on some other seed. The KS test must accept the intended distribution at
 * p &gt; 1e-3 (a correct sampler fails on 1 seed in 1000). The power check rejects (p &lt; 1e-6) the same
 * samples against the distribution 5% wider: N(0, σ) against N(0, 1.05σ) differ by a KS distance of about
 * 0.0115 (at x ≈ ±σ), and with the 262,144 samples of a 512×512 weight the p = 1e-6 critical distance is
 * √(ln(2e6)/(2n)) = 0.0053, so a correct sampler fails the power check only when its sample distance is off by
 * more than 3 standard errors (0.0018 each). Moments are checked to six standard errors (SE of the mean σ/√n,
 * of the std about σ/√(2n)): a correct policy fails with probability about 1e-9, a wrong fan (a factor 2
 * or more in a variance here) or a wrong constant every time.
 */
final class PolicyTesting {

    static final double MIN_P = 1e-3;
    static final double MAX_P_WIDER = 1e-6;

    private PolicyTesting() {
    }

    static double ksP(double[] values, DoubleUnaryOperator cdf) {
        AbstractRealDistribution dist = new AbstractRealDistribution(null) {
            @Override
            public double density(double x) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double cumulativeProbability(double x) {
                return cdf.applyAsDouble(x);
            }

            @Override
            public double getNumericalMean() {
                return 0;
            }

            @Override
            public double getNumericalVariance() {
                return 1;
            }

            @Override
            public double getSupportLowerBound() {
                return Double.NEGATIVE_INFINITY;
            }

            @Override
            public double getSupportUpperBound() {
                return Double.POSITIVE_INFINITY;
            }

            @Override
            public boolean isSupportLowerBoundInclusive() {
                return false;
            }

            @Override
            public boolean isSupportUpperBoundInclusive() {
                return false;
            }

            @Override
            public boolean isSupportConnected() {
                return true;
            }
        };
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(dist, values, false);
    }

    static DoubleUnaryOperator normalCdf(double std) {
        NormalDistribution n = new NormalDistribution(null, 0, std);
        return n::cumulativeProbability;
    }

    static DoubleUnaryOperator uniformCdf(double bound) {
        return x -> x <= -bound ? 0 : x >= bound ? 1 : (x + bound) / (2 * bound);
    }

    /** The CDF of N(0, std) truncated to [-bound, bound]. */
    static DoubleUnaryOperator truncatedCdf(double std, double bound) {
        double lo = phi(-bound / std);
        double hi = phi(bound / std);
        return x -> x <= -bound ? 0 : x >= bound ? 1 : (phi(x / std) - lo) / (hi - lo);
    }

    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /** KS accepts N(0, std) and rejects N(0, 1.05·std). */
    static void assertNormal(String what, double[] values, double std) {
        assertThat(ksP(values, normalCdf(std))).as("%s: KS p against N(0, %s)", what, std).isGreaterThan(MIN_P);
        assertThat(ksP(values, normalCdf(1.05 * std))).as("%s: KS p against 5%% wider", what).isLessThan(MAX_P_WIDER);
    }

    /** Sample mean 0 and std {@code std}, to six standard errors. */
    static void assertMoments(String what, double[] values, double std) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / n);
        assertThat(mean).as("%s mean (n=%d)", what, n).isCloseTo(0, within(6 * std / Math.sqrt(n)));
        assertThat(sd).as("%s std (n=%d)", what, n).isCloseTo(std, within(6 * std / Math.sqrt(2.0 * n)));
    }

    static double[] values(INDArray a) {
        return a.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
    }

    /** {@code call} throws an IllegalArgumentException containing every fragment, and {@code params} is unchanged. */
    static void assertRejected(INDArray params, ThrowingCallable call, String... fragments) {
        INDArray before = params.dup();
        var thrown = assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
        for (String fragment : fragments) {
            thrown.hasMessageContaining(fragment);
        }
        assertThat(params).as("parameters after the rejected call").isEqualTo(before);
    }

    /** A generator that fails the test on any draw: bad input must be rejected before the first one. */
    static final Generator NO_DRAWS = new Generator() {
        @Override
        public void fillUniform(INDArray tensor, double from, double to) {
            throw new AssertionError("a draw before validation finished");
        }

        @Override
        public void fillNormal(INDArray tensor, double mean, double std) {
            throw new AssertionError("a draw before validation finished");
        }

        @Override
        public long[] randperm(int n) {
            throw new AssertionError("a draw before validation finished");
        }
    };
}
