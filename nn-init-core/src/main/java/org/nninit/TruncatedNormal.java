package org.nninit;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.internal.GlibcFloat;
import org.nninit.internal.SystemLibm;
import org.nninit.random.Generator;
import org.nninit.random.TorchGenerator;
import org.nninit.internal.ReducedFloat;
import org.nninit.internal.memory.ArrayElements;
import org.nninit.internal.memory.TensorWalk;

/**
 * The two sampling algorithms behind {@link Init#truncNormal}; arguments arrive validated.
 * Values are computed in double precision and rounded once, when written to the array, which is worked on in
 * place through {@link ArrayElements} (staged off the CPU backend).
 */
final class TruncatedNormal {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TruncatedNormal.class);
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private TruncatedNormal() {
    }

    /**
     * PyTorch up to 2.11, operation for operation: {@code uniform_(2l - 1, 2u - 1)}, {@code erfinv_},
     * {@code mul_(std * sqrt(2))}, {@code add_(mean)}, {@code clamp_(a, b)}, each in the tensor's type (HALF and
     * BFLOAT16: the scalars and clamp bounds rounded to the type, each op computed in float and rounded;
     * measured on 1.13), with the erfinv PyTorch's CPU kernel computes ({@link TorchErfinv}).
     */
    static void inverseCdf(INDArray tensor, double mean, double std, double a, double b, Generator source) {
        inverseCdf(tensor, mean, std, a, b, source, true);
    }

    /** As above; {@code inPlace = false} forces the staged path (tests compare the two). */
    static void inverseCdf(INDArray tensor, double mean, double std, double a, double b, Generator source,
                           boolean inPlace) {
        // norm_cdf in Python floats with math.erf, i.e. the C library's erf: it sets the uniform's bounds.
        double[] erf = {(a - mean) / std / SQRT2, (b - mean) / std / SQRT2};
        SystemLibm.erf(erf, 2);
        double low = 2 * ((1 + erf[0]) / 2) - 1;
        double high = 2 * ((1 + erf[1]) / 2) - 1;
        source.fillUniform(tensor, low, high);
        boolean fused = !(source instanceof TorchGenerator torch) || torch.cpuCapability().fusesMultiplyAdd();
        double scale = std * SQRT2;
        ArrayElements values = elements(tensor, inPlace);
        DataType type = tensor.dataType();
        if (type == DataType.DOUBLE) {
            values.mapChunks((y, count) -> {
                TorchErfinv.erfinv(y, count, fused);
                for (int k = 0; k < count; k++) {
                    double x = y[k] * scale + mean;
                    y[k] = Double.isNaN(x) ? x : Math.min(Math.max(x, a), b);
                }
            });
        } else if (type == DataType.FLOAT) {
            float s = (float) scale;
            float m = (float) mean;
            float lo = (float) a;
            float hi = (float) b;
            values.map(y -> clamp(TorchErfinv.erfinv((float) y, fused) * s + m, lo, hi));
        } else {
            boolean bf16 = type == DataType.BFLOAT16;
            float s = ReducedFloat.round((float) scale, bf16);
            float m = ReducedFloat.round((float) mean, bf16);
            float lo = ReducedFloat.round((float) a, bf16);
            float hi = ReducedFloat.round((float) b, bf16);
            values.map(y -> {
                float x = ReducedFloat.round(TorchErfinv.erfinv((float) y, fused), bf16);
                x = ReducedFloat.round(x * s, bf16);
                x = ReducedFloat.round(x + m, bf16);
                return clamp(x, lo, hi);
            });
        }
        values.finish();
    }

    /** {@code clamp_} as PyTorch's kernel: NaN stays NaN. */
    private static float clamp(float x, float lo, float hi) {
        return Float.isNaN(x) ? x : Math.min(Math.max(x, lo), hi);
    }

    /**
     * {@link TruncNormalMethod#PRECISE_INVERSE_CDF}: one uniform {@code u} per element mapped through the exact
     * quantile of the truncated normal in double precision ({@link #standardQuantile}, which works through the
     * survival function in the tails), rounded once.
     */
    static void preciseInverseCdf(INDArray tensor, double mean, double std, double a, double b, Generator source) {
        preciseInverseCdf(tensor, mean, std, a, b, source, true);
    }

    /** As above; {@code inPlace = false} forces the staged path (tests compare the two). */
    static void preciseInverseCdf(INDArray tensor, double mean, double std, double a, double b, Generator source,
                                  boolean inPlace) {
        source.fillUniform(tensor, 0, 1);
        double alpha = (a - mean) / std;
        double beta = (b - mean) / std;
        // Each element is mapped on its own, so the visiting order never matters.
        ArrayElements values = elements(tensor, inPlace);
        values.map(u -> Math.min(Math.max(mean + std * standardQuantile(u, alpha, beta), a), b));
        values.finish();
    }

    /**
     * PyTorch 2.12's {@code trunc_normal_} (implemented from a reading of its source; no 2.12 binary was available
     * to check the values against). With {@code p = cdf(beta) - cdf(alpha)}:
     * <ul>
     *   <li>{@code p > 0.3}: {@code normal_} on the whole tensor, then, while any value lies outside [a, b] (the
     *       bounds rounded to the tensor's type, strict comparisons), a whole new tensor of normals whose values
     *       replace the outside ones (with a generator other than {@link TorchGenerator}, which has no PyTorch
     *       stream to follow, only as many new normals as there are outside values);</li>
     *   <li>otherwise: rounds of a whole tensor of {@code uniform_(a, b)} proposals and then a whole tensor of
     *       {@code uniform_(0, 1)} acceptance draws, a proposal {@code x} accepted for a still empty element when
     *       {@code log(u) < -((x - mean) / std)^2 / 2 - logPeak} ({@code logPeak} the same at the clamped mean:
     *       the density relative to its peak), every operation in the tensor's type.</li>
     * </ul>
     * Exact in distribution for any bounds, far tails included (the uniform branch needs no inverse CDF). What
     * could not be confirmed: the layout of the temporary tensors (taken to be the tensor's own order when it is
     * not a view, else row-major), the float {@code log} (taken to be glibc's; PyTorch's vectorised log may
     * differ in the last bit, which only matters for a draw on the acceptance boundary), and the comparison
     * (strict).
     */
    static void rejection(INDArray tensor, double mean, double std, double a, double b, Generator source) {
        rejection(tensor, mean, std, a, b, source, true);
    }

    /** As above; {@code inPlace = false} forces the staged path (tests compare the two). */
    static void rejection(INDArray tensor, double mean, double std, double a, double b, Generator source,
                          boolean inPlace) {
        double[] erf = {(a - mean) / std / SQRT2, (b - mean) / std / SQRT2};
        SystemLibm.erf(erf, 2);
        double mass = (1 + erf[1]) / 2 - (1 + erf[0]) / 2;
        TypeRounding type = TypeRounding.of(tensor.dataType());
        if (mass > 0.3) {
            source.fillNormal(tensor, mean, std);
            double low = type.round(a);
            double high = type.round(b);
            if (source instanceof TorchGenerator && low <= mean - NORMAL_REACH * std
                    && high >= mean + NORMAL_REACH * std) {
                // Bounds beyond anything PyTorch's normal kernels can draw (timm's std=0.02 on [-2, 2] is 100 std
                // out): no element can be outside, so the scan is skipped; the values are the same.
                return;
            }
            ArrayElements values = elements(tensor, inPlace);
            // PyTorch redraws a whole tensor each round, and a TorchGenerator must follow its stream over the whole
            // tensor; it computes only the 16-element normal blocks that hold outside elements and skips the rest
            // of the draws (TorchGenerator.normalAt). Any other generator has no stream to follow and redraws only
            // what it needs (i.i.d. either way), a span of the tensor at a time, so its scratch stays bounded
            // (measured before: 2.2 GB of heap for 1B elements, the outside indices and their redraws).
            TorchGenerator torch = source instanceof TorchGenerator t ? t : null;
            char order = tensor.isView() ? 'c' : tensor.ordering();
            long n = values.length();
            long span = torch != null ? n : REDRAW_SPAN;
            for (long from = 0; from < n; from += span) {
                long[] outside = values.indicesOutside(low, high, from, Math.min(n, from + span));
                for (int round = 0; round < MAX_ROUNDS && outside.length > 0; round++) {
                    double[] fresh = torch != null
                            ? torch.normalAt(tensor.dataType(), tensor.shape(), order, outside, mean, std)
                            : freshNormals(outside.length, tensor.dataType(), mean, std, source);
                    int stillOutside = 0;
                    for (int k = 0; k < outside.length; k++) {
                        long index = outside[k];
                        double v = fresh[k];
                        values.putDouble(values.positionOf(index), v);
                        if (v < low || v > high) {
                            outside[stillOutside++] = index;
                        }
                    }
                    outside = Arrays.copyOf(outside, stillOutside);
                }
                finishStragglers(values, outside, mean, std, a, b, source);
            }
            values.finish();
        } else {
            uniformProposals(tensor, mean, std, a, b, source, type, inPlace);
        }
    }

    /**
     * A bound on |x - mean| / std for any value a {@link TorchGenerator}'s {@code normal_} produces: Box–Muller's
     * radius {@code sqrt(-2 log(1 - u))} with {@code 1 - u >= 2^-53} (DOUBLE; 2^-24 for float blocks, 2^-11 for
     * HALF) is at most 8.58, and the rounding of {@code z * std + mean} adds a relative error of a few ulps.
     */
    static final double NORMAL_REACH = 10;

    /**
     * Rounds of {@link #rejection} before the rest is finished by {@link #standardQuantile}. PyTorch has no cap;
     * this one is never reached where PyTorch finishes in reasonable time (with {@code p > 0.3} an element
     * survives 200 rounds with probability below 0.7^200 = 1e-31; the uniform branch accepts 40% of proposals on
     * [2σ, 3σ]), and it keeps intervals where PyTorch would run for hours (e.g. [3σ, 1000σ]) from hanging.
     */
    static final int MAX_ROUNDS = 200;

    private static void finishStragglers(ArrayElements values, long[] left, double mean, double std, double a,
                                         double b, Generator source) {
        if (left.length == 0) {
            return;
        }
        LOG.warn("trunc_normal_: {} elements still unfilled after {} rounds of PyTorch 2.12's rejection sampling; "
                + "finished by the exact inverse CDF (these values differ from what PyTorch would draw)",
                left.length, MAX_ROUNDS);
        INDArray u = Init.uniform(Nd4j.create(DataType.DOUBLE, left.length), 0, 1, source);
        double alpha = (a - mean) / std;
        double beta = (b - mean) / std;
        for (int k = 0; k < left.length; k++) {
            double x = mean + std * standardQuantile(u.getDouble(k), alpha, beta);
            values.putDouble(values.positionOf(left[k]), Math.min(Math.max(x, a), b));
        }
    }

    private static void uniformProposals(INDArray tensor, double mean, double std, double a, double b,
                                         Generator source, TypeRounding type, boolean inPlace) {
        double peak = Math.min(Math.max(mean, a), b);
        double logPeak = type.round(-((peak - mean) / std) * ((peak - mean) / std) / 2);
        double m = type.round(mean);
        double s = type.round(std);
        ArrayElements values = elements(tensor, inPlace);
        long n = values.length();
        // One bit per element; a long[] of n / 64 words reaches 2^37 elements.
        long[] done = new long[(int) ((n + 63) >>> 6)];
        long remaining = n;
        double[] x = new double[(int) Math.min(CHUNK, n)];
        double[] logU = new double[x.length];
        for (int round = 0; round < MAX_ROUNDS && remaining > 0; round++) {
            ArrayElements proposals = ArrayElements.of(Init.uniform(like(tensor), a, b, source));
            ArrayElements acceptance = ArrayElements.of(Init.uniform(like(tensor), 0, 1, source));
            TensorWalk.Cursor xAt = proposals.rowMajor(0);
            TensorWalk.Cursor uAt = acceptance.rowMajor(0);
            for (long start = 0; start < n; start += CHUNK) {
                int count = (int) Math.min(CHUNK, n - start);
                for (int k = 0; k < count; k++) {
                    x[k] = proposals.getDouble(xAt.next());
                    logU[k] = acceptance.getDouble(uAt.next());
                }
                type.log(logU, count);
                for (int k = 0; k < count; k++) {
                    long i = start + k;
                    if ((done[(int) (i >>> 6)] & (1L << i)) != 0) {
                        continue;
                    }
                    double z = type.round(type.round(x[k] - m) / s);
                    double bound = type.round(type.round(-type.round(z * z)) / 2) - logPeak;
                    if (logU[k] < type.round(bound)) {
                        values.putDouble(values.positionOf(i), x[k]);
                        done[(int) (i >>> 6)] |= 1L << i;
                        remaining--;
                    }
                }
            }
        }
        long[] left = new long[Math.toIntExact(remaining)];
        for (long i = 0, k = 0; k < remaining; i++) {
            if ((done[(int) (i >>> 6)] & (1L << i)) == 0) {
                left[(int) k++] = i;
            }
        }
        finishStragglers(values, left, mean, std, a, b, source);
        values.finish();
    }

    /** Row-major elements whose outside values a generator without a PyTorch stream redraws at a time. */
    private static final long REDRAW_SPAN = 1L << 22;

    /** Elements per chunk of a pass over the rejection rounds' temporaries. */
    private static final int CHUNK = 1 << 14;

    private static ArrayElements elements(INDArray tensor, boolean inPlace) {
        return inPlace ? ArrayElements.of(tensor) : ArrayElements.staged(tensor);
    }

    /** {@code count} new normals in the tensor's type, from a generator with no PyTorch stream to follow. */
    private static double[] freshNormals(int count, DataType type, double mean, double std, Generator source) {
        INDArray draws = Init.normal(Nd4j.create(type, count), mean, std, source);
        return draws.castTo(DataType.DOUBLE).data().asDouble();
    }

    /** {@code torch.empty_like(tensor)}: the tensor's own order when it is not a view, else row-major. */
    private static INDArray like(INDArray tensor) {
        char order = tensor.isView() ? 'c' : tensor.ordering();
        return Nd4j.create(tensor.dataType(), tensor.shape(), order);
    }

    /** Arithmetic in a tensor's type: each result rounded to it, and its {@code log}. */
    private enum TypeRounding {
        DOUBLE, FLOAT, HALF, BFLOAT16;

        static TypeRounding of(DataType type) {
            return switch (type) {
                case DOUBLE -> DOUBLE;
                case HALF -> HALF;
                case BFLOAT16 -> BFLOAT16;
                default -> FLOAT;
            };
        }

        double round(double v) {
            return switch (this) {
                case DOUBLE -> v;
                case FLOAT -> (float) v;
                case HALF -> ReducedFloat.round((float) v, false);
                case BFLOAT16 -> ReducedFloat.round((float) v, true);
            };
        }

        void log(double[] v, int count) {
            if (this == DOUBLE) {
                SystemLibm.log(v, count);
                return;
            }
            for (int i = 0; i < count; i++) {
                v[i] = round(GlibcFloat.logf((float) v[i]));
            }
        }
    }

    /**
     * The {@code u}-quantile of the standard normal restricted to [alpha, beta] (for {@code beta <= 0}, by
     * symmetry, the {@code (1-u)}-quantile: the same distribution for a uniform {@code u}, without the rounding of
     * {@code 1 - u}). Tails are handled through the survival function so that intervals many standard deviations
     * out keep full precision.
     */
    static double standardQuantile(double u, double alpha, double beta) {
        double reach = Math.max(1, Math.max(Math.abs(alpha), Math.abs(beta)));
        if ((beta - alpha) * reach < 1e-9) {
            // The density varies by less than a part in 1e9 across the interval: uniform on it, where the cdf
            // difference would have been lost to rounding.
            return alpha + u * (beta - alpha);
        }
        if (alpha >= 0) {
            return upperTailQuantile(u, alpha, beta);
        }
        if (beta <= 0) {
            return -upperTailQuantile(u, -beta, -alpha);
        }
        double low = cdf(alpha);
        double p = low + u * (cdf(beta) - low);
        return SQRT2 * ErfInv.erfInv(2 * p - 1);
    }

    static double cdf(double x) {
        return (1 + Erf.erf(x / SQRT2)) / 2;
    }

    /**
     * The quantile on [alpha, beta], {@code alpha >= 0}, in log space: {@code S(x) = S(alpha) - u (S(alpha) -
     * S(beta))} with S the survival function, solved for x by Newton's method on {@code log S}, which is concave
     * and decreasing, so the iterates approach the root from above after the first step. In log space nothing
     * underflows however far out the interval lies (S(40) is 1e-350).
     */
    private static double upperTailQuantile(double u, double alpha, double beta) {
        double logAlpha = logSurvival(alpha);
        double logTarget = logAlpha + Math.log1p(u * Math.expm1(logSurvival(beta) - logAlpha));
        double x = alpha;
        for (int iteration = 0; iteration < 100; iteration++) {
            double logS = logSurvival(x);
            double slope = -Math.exp(-0.5 * x * x - LOG_SQRT_2PI - logS);
            double step = -(logS - logTarget) / slope;
            double next = Math.max(alpha, Math.min(beta, x + step));
            if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /**
     * {@code log(P(Z > x))} for {@code x >= 0}: from erfc up to 30, where it is still far from underflow; beyond,
     * the asymptotic series {@code -x^2/2 - log(x sqrt(2 pi)) + log(1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8)},
     * whose next term is below 1e-12 there.
     */
    private static double logSurvival(double x) {
        if (x < 30) {
            return Math.log(0.5 * Erf.erfc(x / SQRT2));
        }
        double r = 1 / (x * x);
        double series = 1 + r * (-1 + r * (3 + r * (-15 + r * 105)));
        return -0.5 * x * x - Math.log(x) - LOG_SQRT_2PI + Math.log(series);
    }
}
