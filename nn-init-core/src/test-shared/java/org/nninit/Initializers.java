package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The test catalogue: one or more instances of every {@link Initializer} record, each with a shape it accepts,
 * what its values must be on that shape (a distribution from the formula, or an exact property), arguments its
 * constructor must reject, and a tensor its {@code fill} must reject. The parameterized tests of both modules
 * (bad input, views and layouts, statistics, JSON) run over this one list, as JAX's {@code INITIALIZER_RECS}.
 * Adding an initializer is one record and one entry here.
 *
 * <p>Statistics: the random entries have 65,536 elements, for which the Kolmogorov-Smirnov test's critical
 * distance at p = 0.001 is 1.95/sqrt(n) = 0.0076; a 5% error in a std or a bound moves the CDF by about 0.012,
 * so {@link #assertLaw} requires p &gt; 1e-3 against the formula's distribution (fails for 1 seed in 1000 when
 * right; seeds are fixed) and p &lt; 1e-6 against one 5% wider (20% for truncated normals, whose truncation
 * hides part of a change in std).
 */
public final class Initializers {

    /** The distribution each element follows, and one slightly wider that the same samples must fail. */
    public record Law(ContinuousDistribution right, ContinuousDistribution wider) {
    }

    /** A constructor call that must throw, with the parts its message must contain. */
    public record Bad(String name, Supplier<Initializer> construct, List<String> message) {
    }

    /**
     * One catalogue entry.
     *
     * @param name       the test name
     * @param init       the value under test
     * @param shape      a shape {@code fill} accepts
     * @param law        the distribution of every element on {@code shape}, or null for exact functions
     * @param property   an exact check of a filled tensor of {@code shape}, or null
     * @param bad        constructor calls of this record that must fail
     * @param badTensor  a tensor {@code fill} must reject (untouched, no draw), or null
     * @param badMessage a part of that rejection's message
     */
    public record Rec(String name, Initializer init, long[] shape, Law law, Consumer<INDArray> property, List<Bad> bad,
                      Supplier<INDArray> badTensor, String badMessage) {
        /** This entry with a tensor its fill must reject. */
        Rec rejecting(Supplier<INDArray> tensor, String message) {
            return new Rec(name, init, shape, law, property, bad, tensor, message);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final double KS_RIGHT = 1e-3;
    private static final double KS_WIDER = 1e-6;
    private static final long[] MATRIX = {256, 256};
    private static final long[] CONV = {64, 64, 4, 4};
    /** in and out sizes differ, so every layout gives different fans: TORCH fan_in 512, fan_out 2048. */
    private static final long[] SKEWED = {128, 32, 4, 4};

    private Initializers() {
    }

    /** Every entry. */
    public static Stream<Rec> all() {
        return Stream.of(
                rec("uniform_ defaults", new Uniform(), MATRIX, uniform(0, 1),
                        bad("a > b", () -> new Uniform(2, 1), "a=2.0", "b=1.0"),
                        bad("infinite b", () -> new Uniform(0, Double.POSITIVE_INFINITY), "b=Infinity")),
                rec("uniform_(-0.3, 0.2)", new Uniform().bounds(-0.3, 0.2), MATRIX, uniform(-0.3, 0.2)),
                rec("uniform_(0, 1e5)", new Uniform(0, 1e5), MATRIX, uniform(0, 1e5))
                        .rejecting(Initializers::halves, "b=100000.0"),
                rec("normal_ defaults", new Normal(), MATRIX, normal(0, 1),
                        bad("negative std", () -> new Normal(0, -1), "std=-1.0"),
                        bad("NaN mean", () -> new Normal(Double.NaN, 1), "mean=NaN")),
                rec("normal_(0.1, 0.5)", new Normal().mean(0.1).std(0.5), CONV, normal(0.1, 0.5)),
                rec("trunc_normal_ defaults", new TruncNormal(), MATRIX, truncNormal(0, 1, -2, 2),
                        bad("zero std", () -> new TruncNormal(0, 0, -2, 2), "std=0.0"),
                        bad("a > b", () -> new TruncNormal(0, 1, 2, -2), "a=2.0", "b=-2.0"),
                        bad("null method", () -> new TruncNormal(0, 1, -2, 2, null), "method")),
                rec("trunc_normal_ INVERSE_CDF", new TruncNormal(0.1, 0.5, -0.5, 1.2, TruncNormalMethod.INVERSE_CDF),
                        MATRIX, truncNormal(0.1, 0.5, -0.5, 1.2)),
                rec("trunc_normal_ PRECISE_INVERSE_CDF", new TruncNormal().std(0.02).bounds(-0.04, 0.04)
                        .method(TruncNormalMethod.PRECISE_INVERSE_CDF), MATRIX, truncNormal(0, 0.02, -0.04, 0.04)),
                exact("constant_(0.25)", new Constant(0.25), new long[] {5, 7}, t -> assertAll(t, (float) 0.25)),
                exact("constant_(1e5)", new Constant(1e5), new long[] {5, 7}, t -> assertAll(t, 1e5))
                        .rejecting(Initializers::halves, "val=100000.0"),
                exact("ones_", new Ones(), new long[] {5, 7}, t -> assertAll(t, 1)),
                exact("zeros_", new Zeros(), new long[] {5, 7}, t -> assertAll(t, 0)),
                exact("eye_", new Eye(), new long[] {5, 7}, t -> assertDiagonal(t, 1))
                        .rejecting(() -> floats(4, 6, 3), "Only tensors with 2 dimensions"),
                exact("dirac_(groups=2)", new Dirac(2), new long[] {6, 4, 3, 3}, Initializers::assertDirac2,
                        bad("groups 0", () -> new Dirac(0), "groups=0"))
                        .rejecting(() -> floats(3, 6, 3), "divisible by groups"),
                rec("xavier_uniform_(gain=0.5)", new XavierUniform().gain(0.5), MATRIX,
                        uniform(-0.5 * Math.sqrt(6.0 / 512), 0.5 * Math.sqrt(6.0 / 512)),
                        bad("NaN gain", () -> new XavierUniform(Double.NaN), "gain=NaN"),
                        bad("negative gain", () -> new XavierUniform(-1), "gain=-1.0"))
                        .rejecting(() -> floats(6), "fewer than 2 dimensions"),
                rec("xavier_normal_(gain=2)", new XavierNormal(2.0), CONV, normal(0, 2 * Math.sqrt(2.0 / 2048)),
                        bad("infinite gain", () -> new XavierNormal(Double.POSITIVE_INFINITY), "gain=Infinity")),
                rec("kaiming_uniform_(a=sqrt(5))", new KaimingUniform().a(Math.sqrt(5)), MATRIX,
                        uniform(-Math.sqrt(3) * Math.sqrt(2.0 / 6) / 16, Math.sqrt(3) * Math.sqrt(2.0 / 6) / 16),
                        bad("null mode", () -> new KaimingUniform(0, null, Nonlinearity.RELU), "mode null"))
                        .rejecting(() -> floats(6), "fewer than 2 dimensions"),
                rec("kaiming_normal_(mode=fan_out, relu)", new KaimingNormal().mode(FanMode.FAN_OUT)
                        .nonlinearity(Nonlinearity.RELU), CONV, normal(0, Math.sqrt(2) / Math.sqrt(64 * 16)),
                        bad("NaN slope", () -> new KaimingNormal(Double.NaN, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU),
                                "negative_slope NaN"),
                        bad("null nonlinearity", () -> new KaimingNormal(0, FanMode.FAN_IN, null),
                                "Unsupported nonlinearity null")),
                exact("orthogonal_(gain=1.5)", new Orthogonal(1.5), new long[] {40, 10},
                        t -> assertOrthonormal(t, 40, 10, 1.5),
                        bad("infinite gain", () -> new Orthogonal(Double.POSITIVE_INFINITY), "gain=Infinity"))
                        .rejecting(() -> floats(6), "2 or more dimensions"),
                exact("sparse_(0.3, std=0.02)", new Sparse(0.3).std(0.02), new long[] {20, 30},
                        t -> assertZerosPerColumn(t, 6),
                        bad("sparsity > 1", () -> new Sparse(1.5), "sparsity=1.5"),
                        bad("negative std", () -> new Sparse(0.5, -1.0), "std=-1.0"))
                        .rejecting(() -> floats(4, 6, 3), "Only tensors with 2 dimensions"),
                // ---- Keras, JAX and timm
                rec("Keras HeNormal", VarianceScaling.heNormal(), SKEWED, truncatedKeras(2.0 / 512),
                        bad("zero scale", () -> new VarianceScaling().scale(0), "scale=0.0"),
                        bad("null mode", () -> new VarianceScaling().mode(null), "mode=null"))
                        .rejecting(() -> floats(6), "fewer than 2 dimensions"),
                rec("Keras HeUniform", VarianceScaling.heUniform(), MATRIX, uniformLimit(Math.sqrt(3 * 2.0 / 256))),
                rec("Keras GlorotNormal", VarianceScaling.glorotNormal(), SKEWED, truncatedKeras(1.0 / 1280)),
                rec("Keras GlorotUniform, Keras layout", VarianceScaling.glorotUniform().layout(FanLayout.KERAS),
                        new long[] {4, 4, 32, 128}, uniformLimit(Math.sqrt(3.0 / 1280))),
                rec("Keras LecunNormal = timm lecun_normal_", VarianceScaling.lecunNormal(), SKEWED,
                        truncatedKeras(1.0 / 512)),
                rec("Keras LecunUniform, transposed conv", VarianceScaling.lecunUniform()
                        .layout(FanLayout.TRANSPOSED_CONV), SKEWED, uniformLimit(Math.sqrt(3.0 / 2048))),
                rec("Keras VarianceScaling on a vector", new VarianceScaling().layout(FanLayout.KERAS),
                        new long[] {65536}, truncatedKeras(1.0 / 65536)),
                rec("JAX variance_scaling(0.5, fan_out, normal, batch_axis=0)", new VarianceScaling(0.5,
                        VarianceScaling.Mode.FAN_OUT, VarianceScaling.Distribution.UNTRUNCATED_NORMAL,
                        FanLayout.axes(new int[] {-2}, new int[] {-1}, new int[] {0})), new long[] {16, 64, 64},
                        normal(0, Math.sqrt(0.5 / 64)),
                        bad("empty in axes", () -> new VarianceScaling().layout(FanLayout.axes(new int[0],
                                new int[] {0}, new int[0])), "inAxes"))
                        .rejecting(() -> floats(4, 6), "a second time"),
                exact("Keras Orthogonal(gain=1)", ColumnOrthogonal.keras(1.0), new long[] {3, 3, 4, 8},
                        t -> assertOrthonormal(t.reshape('c', 36, 8), 36, 8, 1.0),
                        bad("NaN scale", () -> new ColumnOrthogonal(Double.NaN, -1), "scale=NaN"))
                        .rejecting(() -> floats(6), "at least a 2D shape"),
                exact("JAX orthogonal(scale=2, column_axis=0)", new ColumnOrthogonal().scale(2).columnAxis(-3),
                        new long[] {6, 4, 5}, t -> assertOrthonormal(t.permute(1, 2, 0).dup('c').reshape('c', 20, 6),
                                20, 6, 2.0))
                        .rejecting(() -> floats(6, 4), "columnAxis holds axis -3"),
                exact("JAX delta_orthogonal, PyTorch layout", new DeltaOrthogonal(), new long[] {8, 4, 3, 3},
                        t -> assertDelta(t.permute(2, 3, 1, 0), 1, 1),
                        bad("column axis 2", () -> new DeltaOrthogonal().columnAxis(2), "columnAxis=2"),
                        bad("two in axes", () -> new DeltaOrthogonal().layout(FanLayout.axes(new int[] {0, 1},
                                new int[] {2}, new int[0])), "layout="))
                        .rejecting(() -> floats(4, 8, 3, 3), "fan_in must be less or equal than fan_out"),
                exact("JAX delta_orthogonal, JAX layout, even kernel", new DeltaOrthogonal(1, -1, FanLayout.KERAS),
                        new long[] {4, 4, 4, 8}, t -> assertDelta(t, 1, 1))
                        .rejecting(() -> floats(4, 6), "3D, 4D or 5D"),
                exact("Keras Identity(gain=0.5)", new Identity().gain(0.5), new long[] {5, 7},
                        t -> assertDiagonal(t, 0.5),
                        bad("NaN gain", () -> new Identity(Double.NaN), "gain=NaN"))
                        .rejecting(() -> floats(4, 6, 3), "Only tensors with 2 dimensions"),
                rec("timm trunc_normal_tf_(0.1, 0.5, -1, 2)", new TruncNormalTf(0.1, 0.5, -1, 2), MATRIX,
                        truncNormal(0.1, 0.5, 0.1 - 0.5, 0.1 + 1.0),
                        bad("a > b", () -> new TruncNormalTf().bounds(2, -2), "a=2.0"),
                        bad("zero std", () -> new TruncNormalTf().std(0), "std=0.0")),
                rec("timm trunc_normal_tf_(std=1e5)", new TruncNormalTf().std(1e5), MATRIX,
                        truncNormal(0, 1e5, -2e5, 2e5))
                        .rejecting(Initializers::halves, "std=100000.0"));
    }

    // ---------------------------------------------------------------- building entries

    private static Rec rec(String name, Initializer init, long[] shape, Law law, Bad... bad) {
        return new Rec(name, init, shape, law, null, List.of(bad), null, null);
    }

    private static Rec exact(String name, Initializer init, long[] shape, Consumer<INDArray> property, Bad... bad) {
        return new Rec(name, init, shape, null, property, List.of(bad), null, null);
    }

    private static Bad bad(String name, Supplier<Initializer> construct, String... message) {
        return new Bad(name, construct, List.of(message));
    }

    private static INDArray halves() {
        return Nd4j.rand(DataType.FLOAT, 3, 4).castTo(DataType.HALF);
    }

    private static INDArray floats(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    private static Law uniform(double low, double high) {
        double centre = (low + high) / 2;
        double half = (high - low) / 2 * 1.05;
        return new Law(UniformContinuousDistribution.of(low, high),
                UniformContinuousDistribution.of(centre - half, centre + half));
    }

    private static Law uniformLimit(double limit) {
        return uniform(-limit, limit);
    }

    private static Law normal(double mean, double std) {
        return new Law(NormalDistribution.of(mean, std), NormalDistribution.of(mean, std * 1.05));
    }

    private static Law truncNormal(double mean, double std, double a, double b) {
        return new Law(TruncatedNormalDistribution.of(mean, std, a, b),
                TruncatedNormalDistribution.of(mean, std * 1.2, a - 0.2 * (mean - a), b + 0.2 * (b - mean)));
    }

    /** Keras's truncated normal with variance {@code s}: std sqrt(s) / 0.87962566103423978, cut at 2 std. */
    private static Law truncatedKeras(double s) {
        double std = Math.sqrt(s) / 0.87962566103423978;
        return truncNormal(0, std, -2 * std, 2 * std);
    }

    // ---------------------------------------------------------------- checks

    /** The KS checks of {@link Law}; the thresholds are explained on the class. */
    public static void assertLaw(INDArray values, Law law) {
        double[] v = RowMajor.readDoubles(values);
        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        assertThat(ks.test(v, law.right()::cumulativeProbability).getPValue()).as("KS p against the formula")
                .isGreaterThan(KS_RIGHT);
        assertThat(ks.test(v, law.wider()::cumulativeProbability).getPValue()).as("KS p against a wider law")
                .isLessThan(KS_WIDER);
    }

    private static void assertAll(INDArray t, double value) {
        assertThat(RowMajor.readDoubles(t)).containsOnly(value);
    }

    private static void assertDiagonal(INDArray t, double value) {
        for (int i = 0; i < t.size(0); i++) {
            for (int j = 0; j < t.size(1); j++) {
                assertThat(t.getDouble(i, j)).isEqualTo(i == j ? value : 0.0);
            }
        }
    }

    /** dirac_(groups=2) on [6, 4, 3, 3]: 3 output channels per group, min(3, 4) = 3 ones at the centre each. */
    private static void assertDirac2(INDArray t) {
        assertThat(t.sumNumber().doubleValue()).isEqualTo(6.0);
        for (int group = 0; group < 2; group++) {
            for (int d = 0; d < 3; d++) {
                assertThat(t.getDouble(group * 3 + d, d, 1, 1)).isEqualTo(1.0);
            }
        }
    }

    /** {@code W^T W = gain^2 I} (tall) or {@code W W^T = gain^2 I} (wide) of a {@code [rows, cols]} matrix. */
    public static void assertOrthonormal(INDArray w, long rows, long cols, double gain) {
        INDArray m = w.castTo(DataType.DOUBLE).reshape('c', rows, cols);
        INDArray gram = rows >= cols ? m.transpose().mmul(m) : m.mmul(m.transpose());
        INDArray expected = Nd4j.eye(Math.min(rows, cols)).castTo(DataType.DOUBLE).muli(gain * gain);
        double tolerance = w.dataType() == DataType.DOUBLE ? 1e-12 : 1e-5 * gain * gain;
        assertThat(gram.sub(expected).amaxNumber().doubleValue()).isLessThan(tolerance);
    }

    private static void assertZerosPerColumn(INDArray t, int zeros) {
        for (int c = 0; c < t.size(1); c++) {
            long count = Arrays.stream(RowMajor.readDoubles(t.getColumn(c).dup())).filter(v -> v == 0).count();
            assertThat(count).as("zeros in column " + c).isEqualTo(zeros);
        }
    }

    /**
     * A JAX-layout {@code [k1, k2, in, out]} delta-orthogonal kernel: the {@code [in, out]} matrix at
     * {@code (c1, c2)} has orthonormal rows (out &gt;= in), and every other element is 0.
     */
    private static void assertDelta(INDArray hwio, int c1, int c2) {
        INDArray kernel = hwio.dup('c');
        long in = kernel.size(2);
        long out = kernel.size(3);
        INDArray centre = kernel.get(org.nd4j.linalg.indexing.NDArrayIndex.point(c1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(c2)).dup('c');
        assertOrthonormal(centre, in, out, 1.0);
        double total = kernel.castTo(DataType.DOUBLE).norm2Number().doubleValue();
        assertThat(total * total).as("nothing outside the centre").isCloseTo(in, org.assertj.core.api.Assertions.within(1e-4));
    }
}
