package org.nninit;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Statistics the distribution tests share.
 *
 * <p>Thresholds: seeds are fixed, so every test is deterministic. A correct sampler passes the KS test at
 * p &gt; 0.001 for all but 1 seed in 1000; with 65,536 samples the test's critical distance is
 * 1.95/sqrt(n) = 0.0076, so a 5% error in a standard deviation (distance about 0.012) or a bound is caught.
 * Each distribution test also checks that the same samples are rejected (p &lt; 1e-6) against a distribution 5%
 * wider; for truncated normals, whose truncation hides part of a change in std, 15-20% wider.
 */
final class Samples {

    static final double MIN_P_VALUE = 1e-3;
    static final double MAX_P_VALUE_WRONG = 1e-6;

    private Samples() {
    }

    static double ksPValue(INDArray tensor, DoubleUnaryOperator cdf) {
        return KolmogorovSmirnovTest.withDefaults().test(RowMajor.readDoubles(tensor), cdf).getPValue();
    }

    static java.util.List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double std(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
