package org.nninit;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.internal.GlibcFloat;
import org.nninit.internal.SystemLibm;
import org.nninit.random.CpuCapability;
import org.nninit.random.Generator;
import org.nninit.random.TorchGenerator;
import org.nninit.tensor.ReducedFloat;
import org.nninit.tensor.RowMajor;

/**
 * The two sampling algorithms behind {@link Init#truncNormal}; arguments arrive validated.
 * Values are computed in double precision and rounded once, when written to the array. On the CPU backend a
 * dense FLOAT/DOUBLE array is worked on in place ({@link HostElements}); anything else through a staged copy.
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
        boolean fused = !(source instanceof TorchGenerator torch) || torch.cpuCapability() == CpuCapability.AVX2;
        double scale = std * SQRT2;
        ElementStore values = inPlace ? ElementStore.of(tensor, false) : new StagedElements(tensor);
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
        ElementStore values = inPlace ? ElementStore.of(tensor, false) : new StagedElements(tensor);
        values.map(u -> Math.min(Math.max(mean + std * standardQuantile(u, alpha, beta), a), b));
        values.finish();
    }

    /**
     * PyTorch 2.12's {@code trunc_normal_} (implemented from a reading of its source; no 2.12 binary was available
     * to check the values against). With {@code p = cdf(beta) - cdf(alpha)}:
     * <ul>
     *   <li>{@code p > 0.3}: {@code normal_} on the whole tensor, then, while any value lies outside [a, b] (the
     *       bounds rounded to the tensor's type, strict comparisons), a whole new tensor of normals whose values
     *       replace the outside ones;</li>
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
            ElementStore values = inPlace ? ElementStore.of(tensor, true) : new StagedElements(tensor);
            double low = type.round(a);
            double high = type.round(b);
            int[] outside = values.indicesOutside(low, high);
            for (int round = 0; round < MAX_ROUNDS && outside.length > 0; round++) {
                double[] fresh = RowMajor.readDoubles(Init.normal(like(tensor), mean, std, source));
                int stillOutside = 0;
                for (int index : outside) {
                    values.put(index, fresh[index]);
                    if (fresh[index] < low || fresh[index] > high) {
                        outside[stillOutside++] = index;
                    }
                }
                outside = Arrays.copyOf(outside, stillOutside);
            }
            finishStragglers(values, outside, mean, std, a, b, source);
            values.finish();
        } else {
            uniformProposals(tensor, mean, std, a, b, source, type, inPlace);
        }
    }

    /**
     * Rounds of {@link #rejection} before the rest is finished by {@link #standardQuantile}. PyTorch has no cap;
     * this one is never reached where PyTorch finishes in reasonable time (with {@code p > 0.3} an element
     * survives 200 rounds with probability below 0.7^200 = 1e-31; the uniform branch accepts 40% of proposals on
     * [2σ, 3σ]), and it keeps intervals where PyTorch would run for hours (e.g. [3σ, 1000σ]) from hanging.
     */
    static final int MAX_ROUNDS = 200;

    private static void finishStragglers(ElementStore values, int[] left, double mean, double std, double a,
                                         double b, Generator source) {
        if (left.length == 0) {
            return;
        }
        LOG.warn("trunc_normal_: {} elements still unfilled after {} rounds of PyTorch 2.12's rejection sampling; "
                + "finished by the exact inverse CDF (these values differ from what PyTorch would draw)",
                left.length, MAX_ROUNDS);
        double[] u = RowMajor.readDoubles(Init.uniform(Nd4j.create(DataType.DOUBLE, left.length), 0, 1, source));
        double alpha = (a - mean) / std;
        double beta = (b - mean) / std;
        for (int k = 0; k < left.length; k++) {
            values.put(left[k], Math.min(Math.max(mean + std * standardQuantile(u[k], alpha, beta), a), b));
        }
    }

    private static void uniformProposals(INDArray tensor, double mean, double std, double a, double b,
                                         Generator source, TypeRounding type, boolean inPlace) {
        double peak = Math.min(Math.max(mean, a), b);
        double logPeak = type.round(-((peak - mean) / std) * ((peak - mean) / std) / 2);
        double m = type.round(mean);
        double s = type.round(std);
        ElementStore values = inPlace ? ElementStore.of(tensor, true) : new StagedElements(tensor);
        int n = values.length();
        boolean[] done = new boolean[n];
        int remaining = n;
        for (int round = 0; round < MAX_ROUNDS && remaining > 0; round++) {
            double[] x = RowMajor.readDoubles(Init.uniform(like(tensor), a, b, source));
            double[] logU = RowMajor.readDoubles(Init.uniform(like(tensor), 0, 1, source));
            type.log(logU);
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                double z = type.round(type.round(x[i] - m) / s);
                double bound = type.round(type.round(-type.round(z * z)) / 2) - logPeak;
                if (logU[i] < type.round(bound)) {
                    values.put(i, x[i]);
                    done[i] = true;
                    remaining--;
                }
            }
        }
        int[] left = new int[remaining];
        for (int i = 0, k = 0; k < remaining; i++) {
            if (!done[i]) {
                left[k++] = i;
            }
        }
        finishStragglers(values, left, mean, std, a, b, source);
        values.finish();
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

        void log(double[] v) {
            if (this == DOUBLE) {
                SystemLibm.log(v, v.length);
                return;
            }
            for (int i = 0; i < v.length; i++) {
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
