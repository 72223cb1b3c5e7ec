package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nninit.Samples.MAX_P_VALUE_WRONG;
import static org.nninit.Samples.MIN_P_VALUE;
import static org.nninit.Samples.ksPValue;

import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Kolmogorov–Smirnov tests of every random function against the distribution its formula implies. */
class DistributionTest {

    private static final long[] SHAPE = {256, 256};

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(20261123L);
    }

    private static INDArray empty() {
        return Nd4j.create(DataType.FLOAT, SHAPE);
    }

    /** Passes against the right distribution and fails against one 5% wider (the test has power). */
    private static void assertDistributed(INDArray values, ContinuousDistribution right, ContinuousDistribution wrong) {
        assertThat(ksPValue(values, right::cumulativeProbability)).isGreaterThan(MIN_P_VALUE);
        assertThat(ksPValue(values, wrong::cumulativeProbability)).isLessThan(MAX_P_VALUE_WRONG);
    }

    private static void assertUniform(INDArray values, double low, double high) {
        double[] v = RowMajor.readDoubles(values);
        assertThat(Samples.boxed(v)).allSatisfy(x -> assertThat(x).isBetween(low, high));
        assertDistributed(values, UniformContinuousDistribution.of(low, high),
                UniformContinuousDistribution.of(low * 1.05, high * 1.05));
    }

    private static void assertNormal(INDArray values, double mean, double std) {
        assertDistributed(values, NormalDistribution.of(mean, std), NormalDistribution.of(mean, std * 1.05));
    }

    @Test
    void uniformDefaultsToUnitInterval() {
        INDArray t = Init.uniform(empty());
        double[] v = RowMajor.readDoubles(t);
        assertThat(Samples.boxed(v)).allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1));
        assertDistributed(t, UniformContinuousDistribution.of(0, 1), UniformContinuousDistribution.of(0, 1.05));
    }

    @Test
    void uniformBounds() {
        assertUniform(Init.uniform(empty(), -3, 2), -3, 2);
    }

    @Test
    void normalMeanAndStd() {
        INDArray t = Init.normal(empty(), 1.5, 0.2);
        assertNormal(t, 1.5, 0.2);
        assertNormal(Init.normal(empty()), 0, 1);
    }

    @Test
    void normalWithZeroStdIsTheMean() {
        INDArray t = Init.normal(Nd4j.create(DataType.FLOAT, 4, 4), 0.25, 0);
        assertThat(RowMajor.readDoubles(t)).containsOnly(0.25);
    }

    @Test
    void xavierUniformBound() {
        INDArray t = Nd4j.create(DataType.FLOAT, 256, 64, 2, 2);   // fan_in 256, fan_out 1024
        Init.xavierUniform(t, 2.0);
        double bound = 2.0 * Math.sqrt(6.0 / (256 + 1024));
        assertUniform(t, -bound, bound);
    }

    @Test
    void xavierNormalStd() {
        INDArray t = Init.xavierNormal(empty(), 0.5);
        assertNormal(t, 0, 0.5 * Math.sqrt(2.0 / 512));
    }

    @Test
    void kaimingUniformDefaultsAreLeakyReluFanIn() {
        INDArray t = Nd4j.create(DataType.FLOAT, 128, 512);
        Init.kaimingUniform(t);
        double bound = Math.sqrt(3.0) * Math.sqrt(2.0 / (1 + 0.0)) / Math.sqrt(512);   // a = 0
        assertUniform(t, -bound, bound);
    }

    @Test
    void kaimingUniformWithSlopeAndFanOut() {
        INDArray t = Nd4j.create(DataType.FLOAT, 64, 32, 3, 3);   // fan_out = 576
        Init.kaimingUniform(t, 0.2, FanMode.FAN_OUT, Nonlinearity.LEAKY_RELU, null);
        double bound = Math.sqrt(3.0) * Math.sqrt(2.0 / 1.04) / Math.sqrt(576);
        assertUniform(t, -bound, bound);
    }

    @Test
    void kaimingNormalFanOutRelu() {
        INDArray t = Nd4j.create(DataType.FLOAT, 64, 64, 4, 4);   // fan_out = 1024
        Init.kaimingNormal(t, 0, FanMode.FAN_OUT, Nonlinearity.RELU, null);
        assertNormal(t, 0, Math.sqrt(2.0 / 1024));
    }

    @Test
    void kaimingNormalTanhFanIn() {
        INDArray t = Init.kaimingNormal(empty(), 0, FanMode.FAN_IN, Nonlinearity.TANH);
        assertNormal(t, 0, 5.0 / 3 / 16);
    }

    @ParameterizedTest
    @EnumSource(TruncNormalMethod.class)
    void truncNormalMatchesTheTruncatedDistribution(TruncNormalMethod method) {
        INDArray t = Init.truncNormal(empty(), 0.5, 2.0, -1.0, 3.0, method, null);
        assertThat(Samples.boxed(RowMajor.readDoubles(t))).allSatisfy(x -> assertThat(x).isBetween(-1.0, 3.0));
        assertDistributed(t, TruncatedNormalDistribution.of(0.5, 2.0, -1, 3),
                TruncatedNormalDistribution.of(0.5, 2.4, -1, 3));
    }

    @ParameterizedTest
    @EnumSource(TruncNormalMethod.class)
    void truncNormalDefaultsToStandardWithinTwo(TruncNormalMethod method) {
        INDArray t = Init.truncNormal(empty(), 0, 1, -2, 2, method, null);
        assertDistributed(t, TruncatedNormalDistribution.of(0, 1, -2, 2), TruncatedNormalDistribution.of(0, 1.15, -2, 2));
    }

    /** PyTorch issue 145498: float erfinv put 1000-sigma outliers on the bounds when std is small. */
    @ParameterizedTest
    @EnumSource(TruncNormalMethod.class)
    void smallStdPilesNothingOnTheBounds(TruncNormalMethod method) {
        INDArray t = Init.truncNormal(Nd4j.create(DataType.FLOAT, 512, 512), 0, 0.002, -2, 2, method, null);
        double[] v = RowMajor.readDoubles(t);
        // 6 sigma is exceeded by 2e-9 of a normal's mass: none of 262,144 samples should be there.
        assertThat(Samples.boxed(v)).allSatisfy(x -> assertThat(Math.abs(x)).isLessThan(0.012));
        assertThat(Samples.std(v)).isCloseTo(0.002, org.assertj.core.api.Assertions.within(0.00002));
    }

    @Test
    void rejectionFarInTheTailStillSamplesTheTruncatedDistribution() {
        // [8, 9] standard deviations holds 6e-16 of the mass: normal draws would never land there; 2.12's uniform
        // proposals must. 16,384 samples: the 5%-wider alternative differs little on so short an interval.
        INDArray t = Init.truncNormal(Nd4j.create(DataType.DOUBLE, 128, 128), 0, 1, 8, 9, TruncNormalMethod.REJECTION,
                null);
        assertThat(Samples.boxed(RowMajor.readDoubles(t))).allSatisfy(x -> assertThat(x).isBetween(8.0, 9.0));
        assertDistributed(t, TruncatedNormalDistribution.of(0, 1, 8, 9), TruncatedNormalDistribution.of(0, 1.05, 8, 9));
    }

    @Test
    void preciseInverseCdfFarInTheTailSamplesTheTruncatedDistribution() {
        // The float inverse CDF of PyTorch 2.11 collapses here; the log-space quantile must not.
        INDArray t = Init.truncNormal(Nd4j.create(DataType.DOUBLE, 128, 128), 0, 1, 8, 9,
                TruncNormalMethod.PRECISE_INVERSE_CDF, null);
        assertDistributed(t, TruncatedNormalDistribution.of(0, 1, 8, 9), TruncatedNormalDistribution.of(0, 1.05, 8, 9));
    }

    @Test
    void sparseNonZerosAreNormal() {
        INDArray t = Init.sparse(Nd4j.create(DataType.DOUBLE, 256, 256), 0.0, 0.05);
        assertNormal(t, 0, 0.05);
    }

    @Test
    void sameSeedSameValues() {
        Nd4j.getRandom().setSeed(7);
        INDArray first = Init.kaimingNormal(empty());
        Nd4j.getRandom().setSeed(7);
        INDArray second = Init.kaimingNormal(empty());
        assertThat(first).isEqualTo(second);
    }
}
