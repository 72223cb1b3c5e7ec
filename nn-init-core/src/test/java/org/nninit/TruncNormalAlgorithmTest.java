package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.TorchGenerator;

/**
 * {@code trunc_normal_}'s algorithms step by step with a {@link TorchGenerator}: REJECTION is replayed from
 * its definition (PyTorch 2.12, from source) with the generator's own fills; the far-tail cases, where
 * PyTorch's float inverse CDF collapses onto one point, are sampled correctly by REJECTION and
 * PRECISE_INVERSE_CDF.
 */
class TruncNormalAlgorithmTest {

    @Test
    void rejectionRedrawsWholeTensorsAndTakesTheOutsideElements() {
        // [-0.5, 0.5] holds 38% of N(0, 1): the normal branch, a few rounds.
        INDArray actual = Init.truncNormal(Nd4j.create(DataType.FLOAT, 20, 30), 0, 1, -0.5, 0.5,
                TruncNormalMethod.REJECTION, new TorchGenerator(4));
        TorchGenerator replay = new TorchGenerator(4);
        float[] expected = RowMajor.readFloats(Init.normal(Nd4j.create(DataType.FLOAT, 20, 30), 0, 1, replay));
        int rounds = 0;
        while (outside(expected, -0.5f, 0.5f)) {
            float[] fresh = RowMajor.readFloats(Init.normal(Nd4j.create(DataType.FLOAT, 20, 30), 0, 1, replay));
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] < -0.5f || expected[i] > 0.5f) {
                    expected[i] = fresh[i];
                }
            }
            rounds++;
        }
        assertThat(rounds).isGreaterThan(3);
        assertThat(RowMajor.readFloats(actual)).containsExactly(expected);
    }

    private static boolean outside(float[] v, float low, float high) {
        for (float x : v) {
            if (x < low || x > high) {
                return true;
            }
        }
        return false;
    }

    @Test
    void rejectionWithLittleMassAcceptsUniformProposalsAgainstTheDensity() {
        // [2, 3] holds 2.1%: uniform proposals on [2, 3], then acceptance uniforms, both whole tensors per round.
        INDArray actual = Init.truncNormal(Nd4j.create(DataType.DOUBLE, 50), 0, 1, 2, 3,
                TruncNormalMethod.REJECTION, new TorchGenerator(8));
        TorchGenerator replay = new TorchGenerator(8);
        double[] expected = new double[50];
        boolean[] done = new boolean[50];
        int remaining = 50;
        while (remaining > 0) {
            double[] x = RowMajor.readDoubles(Init.uniform(Nd4j.create(DataType.DOUBLE, 50), 2, 3, replay));
            double[] u = RowMajor.readDoubles(Init.uniform(Nd4j.create(DataType.DOUBLE, 50), 0, 1, replay));
            for (int i = 0; i < 50; i++) {
                if (!done[i] && Math.log(u[i]) < -x[i] * x[i] / 2 + 2.0) {
                    expected[i] = x[i];
                    done[i] = true;
                    remaining--;
                }
            }
        }
        double[] got = RowMajor.readDoubles(actual);
        // Math.log may differ from the C library's in the last bit, so a draw on the boundary could flip.
        int same = 0;
        for (int i = 0; i < 50; i++) {
            same += got[i] == expected[i] ? 1 : 0;
        }
        assertThat(same).isGreaterThanOrEqualTo(49);
        assertThat(Arrays.stream(got).allMatch(v -> v >= 2 && v <= 3)).isTrue();
    }

    /** Cases where the inverse CDF in float puts every value on one point (issue: tails of truncNormal). */
    @ParameterizedTest
    @CsvSource({"100,1,-1,1", "0,1,39,40", "0,1e300,-1,1", "0,1,8,9", "-3,0.001,0.2,0.3"})
    void farTailsAreSampledAcrossTheInterval(double mean, double std, double a, double b) {
        for (TruncNormalMethod method : new TruncNormalMethod[] {TruncNormalMethod.REJECTION,
            TruncNormalMethod.PRECISE_INVERSE_CDF}) {
            // DOUBLE: in FLOAT some of these intervals hold only a few dozen values of significant density.
            double[] v = RowMajor.readDoubles(Init.truncNormal(Nd4j.create(DataType.DOUBLE, 4000), mean, std, a, b,
                    method, new TorchGenerator(1)));
            assertThat(Arrays.stream(v).distinct().count()).as("%s distinct values", method).isGreaterThan(1000);
            for (double x : v) {
                assertThat(x).isBetween(a, b);
            }
            // The density decreases away from the mean: more values in the half nearer to it.
            double mid = (a + b) / 2;
            long nearHalf = Arrays.stream(v).filter(x -> Math.abs(x - mean) < Math.abs(mid - mean)).count();
            if (std < 1e100) {
                assertThat(nearHalf).as("%s values nearer the mean", method).isGreaterThan(2000);
            }
        }
    }

    /**
     * The scan is skipped for a TorchGenerator when the bounds lie beyond {@code TruncatedNormal.NORMAL_REACH}
     * std: the result must be the plain normal fill (what the scan would have kept), and the kernels must indeed
     * stay inside that reach (checked on 4M float and 1M double draws; the analytic bound is 5.77 and 8.58).
     */
    @Test
    void boundsBeyondTheNormalKernelsReachLeaveThePlainFill() {
        INDArray truncated = Init.truncNormal(Nd4j.create(DataType.FLOAT, 2048, 2048), 0, 0.02, -2, 2,
                TruncNormalMethod.REJECTION, new TorchGenerator(12));
        INDArray plain = Init.normal(Nd4j.create(DataType.FLOAT, 2048, 2048), 0, 0.02, new TorchGenerator(12));
        assertThat(RowMajor.readFloats(truncated)).isEqualTo(RowMajor.readFloats(plain));   // O(n): no diff of 4M
        INDArray floats = Init.normal(Nd4j.create(DataType.FLOAT, 4 << 20), 0, 1, new TorchGenerator(13));
        INDArray doubles = Init.normal(Nd4j.create(DataType.DOUBLE, 1 << 20), 0, 1, new TorchGenerator(14));
        assertThat(Math.max(floats.maxNumber().doubleValue(), -floats.minNumber().doubleValue())).isLessThan(5.78);
        assertThat(Math.max(doubles.maxNumber().doubleValue(), -doubles.minNumber().doubleValue()))
                .isLessThan(TruncatedNormal.NORMAL_REACH);
    }

    /**
     * With ND4J's generator the rejection rounds work a span of 2^22 elements at a time (bounded scratch); across
     * spans every element must be inside the bounds and the moments those of N(0, 1) truncated to [-2, 2]: std
     * 0.87962566 (Keras's constant). With 5.2M samples the standard error of the std is about 2e-4 (moments of
     * the truncated law), so 2e-3 is a 10-sigma tolerance; a 5% wider law would miss it by 0.044.
     */
    @Test
    void rejectionOverSeveralSpansStaysInBoundsWithTheTruncatedMoments() {
        INDArray t = Nd4j.create(DataType.FLOAT, 5 * (1 << 20) + 7);
        Init.truncNormal(t, 0, 1, -2, 2, TruncNormalMethod.REJECTION,
                org.nninit.random.Nd4jGenerator.of(Nd4j.getRandomFactory().getNewRandomInstance(21)));
        assertThat(t.minNumber().doubleValue()).isGreaterThanOrEqualTo(-2);
        assertThat(t.maxNumber().doubleValue()).isLessThanOrEqualTo(2);
        assertThat(t.meanNumber().doubleValue()).isCloseTo(0, org.assertj.core.data.Offset.offset(2e-3));
        assertThat(t.stdNumber().doubleValue()).isCloseTo(0.87962566103423978, org.assertj.core.data.Offset.offset(2e-3));
    }
}
