package org.nninit;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
     * {@link TruncNormalMethod#PRECISE_INVERSE_CDF}: one uniform per element mapped through a double-precision
     * erfinv, then clamped: the distribution PyTorch's inverse CDF means, without its float round-off.
     */
    static void preciseInverseCdf(INDArray tensor, double mean, double std, double a, double b, Generator source) {
        preciseInverseCdf(tensor, mean, std, a, b, source, true);
    }

    /** As above; {@code inPlace = false} forces the staged path (tests compare the two). */
    static void preciseInverseCdf(INDArray tensor, double mean, double std, double a, double b, Generator source,
                                  boolean inPlace) {
        double low = 2 * cdf((a - mean) / std) - 1;
        double high = 2 * cdf((b - mean) / std) - 1;
        source.fillUniform(tensor, low, high);
        // Each element is mapped on its own, so the visiting order never matters.
        ElementStore values = inPlace ? ElementStore.of(tensor, false) : new StagedElements(tensor);
        values.map(y -> {
            // erfinv(-1) is -inf: PyTorch's clamp puts such a draw on the bound, and so do we.
            double x = y <= -1 ? a : y >= 1 ? b : ErfInv.erfInv(y) * std * SQRT2 + mean;
            return Math.min(Math.max(x, a), b);
        });
        values.finish();
    }

    /**
     * PyTorch 2.12+: normal draws, and each value outside [a, b] drawn again. The redraws of a round are one
     * batch handed out in row-major order of the rejected elements, as PyTorch's masked assignment does, so
     * only arrays whose memory order is row-major are worked on in place.
     */
    static void rejection(INDArray tensor, double mean, double std, double a, double b, Generator source) {
        rejection(tensor, mean, std, a, b, source, true);
    }

    /** As above; {@code inPlace = false} forces the staged path (tests compare the two). */
    static void rejection(INDArray tensor, double mean, double std, double a, double b, Generator source,
                          boolean inPlace) {
        source.fillNormal(tensor, mean, std);
        ElementStore values = inPlace ? ElementStore.of(tensor, true) : new StagedElements(tensor);
        int[] outside = values.indicesOutside(a, b);
        for (int round = 0; round < Init.MAX_REJECTION_ROUNDS && outside.length > 0; round++) {
            INDArray redraw = Nd4j.create(tensor.dataType(), outside.length);
            source.fillNormal(redraw, mean, std);
            // A fresh 1-D array: its buffer is in element order, and asDouble widens exactly (no dup, no cast op).
            double[] fresh = redraw.data().asDouble();
            int stillOutside = 0;
            for (int k = 0; k < outside.length; k++) {
                values.put(outside[k], fresh[k]);
                if (fresh[k] < a || fresh[k] > b) {
                    outside[stillOutside++] = outside[k];
                }
            }
            outside = Arrays.copyOf(outside, stillOutside);
        }
        if (outside.length > 0) {
            // [a, b] holds almost none of the normal's mass: finish the stragglers by an exact inverse CDF.
            INDArray uniforms = Nd4j.create(DataType.DOUBLE, outside.length);
            source.fillUniform(uniforms, 0, 1);
            double[] u = RowMajor.readDoubles(uniforms);
            double alpha = (a - mean) / std;
            double beta = (b - mean) / std;
            for (int k = 0; k < outside.length; k++) {
                double x = mean + std * standardQuantile(u[k], alpha, beta);
                values.put(outside[k], Math.min(Math.max(x, a), b));
            }
        }
        values.finish();
    }

    /**
     * The {@code u}-quantile of the standard normal restricted to [alpha, beta]. Tails are handled through
     * the survival function so that intervals many standard deviations out keep full precision.
     */
    static double standardQuantile(double u, double alpha, double beta) {
        if (alpha >= 0) {
            double upper = survival(alpha);
            return inverseSurvival(upper - u * (upper - survival(beta)), alpha, beta);
        }
        if (beta <= 0) {
            return -standardQuantile(u, -beta, -alpha);
        }
        double low = cdf(alpha);
        double p = low + u * (cdf(beta) - low);
        return SQRT2 * ErfInv.erfInv(2 * p - 1);
    }

    static double cdf(double x) {
        return (1 + Erf.erf(x / SQRT2)) / 2;
    }

    private static double survival(double x) {
        return 0.5 * Erf.erfc(x / SQRT2);
    }

    /** Solves survival(x) = s for x in [low, high] by Newton's method on log survival(x). */
    private static double inverseSurvival(double s, double low, double high) {
        if (s <= 0) {
            return high;
        }
        double x = Math.max(low, Math.min(high, s > 1e-8 ? SQRT2 * ErfInv.erfInv(1 - 2 * s)
                : Math.sqrt(-2 * Math.log(s) - Math.log(-2 * Math.log(s)) - 2 * LOG_SQRT_2PI)));
        double logTarget = Math.log(s);
        for (int iteration = 0; iteration < 50; iteration++) {
            double tail = survival(x);
            if (tail <= 0) {
                break;
            }
            double density = Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
            double step = (Math.log(tail) - logTarget) * tail / density;
            x = Math.max(low, Math.min(high, x + step));
            if (Math.abs(step) <= 1e-14 * Math.max(1, Math.abs(x))) {
                break;
            }
        }
        return x;
    }
}
