package org.nninit.internal;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The C library's double {@code log}, {@code log1p}, {@code exp}, {@code erf}, {@code sin} and {@code cos}, applied
 * in place to the first {@code n} values of an array: what PyTorch's scalar double kernels call. {@code log1p} is
 * glibc's algorithm written in Java (ND4J has no log1p op); the others go through ND4J.
 *
 * <p>Why through ND4J: glibc's double functions are not correctly rounded (about 0.1% of results differ from
 * the exact value rounded), and no Java library reproduces them; {@link StrictMath} differs from glibc on 3–7%
 * of Box–Muller inputs and {@link Math}'s intrinsics on 0.1–0.2% (measured). ND4J's native CPU backend calls
 * the process's libm for its {@code log}/{@code sin}/{@code cos} transforms, which is the libm PyTorch uses on
 * the same machine: equal to glibc 2.36 on every input tested ({@code SystemLibmTest}). Other backends (CUDA)
 * have no such libm, and there {@link Math} (for erf, Commons Math) is used: results may then differ from
 * PyTorch's in the last bit.
 */
public final class SystemLibm {

    private SystemLibm() {
    }

    /** {@code v[i] = log(v[i])} for {@code i < n}. */
    public static void log(double[] v, int n) {
        apply(v, n, a -> Transforms.log(a, false), Math::log);
    }

    /**
     * {@code v[i] = log1p(v[i])} for {@code i < n}: glibc's {@code log1p}, fdlibm's method with the polynomial
     * regrouped for pipelined processors, with the fused multiply-adds GCC contracts in glibc's x86-64 FMA
     * build (read from the disassembly of the same source compiled with {@code -mfma}). Not
     * {@link StrictMath#log1p}, which differs on 0.07% of inputs; ND4J's {@code Log1p} transform is not it either.
     */
    public static void log1p(double[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = log1p(v[i]);
        }
    }

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double[] LP = {0.0, 6.666666666666735130e-01, 3.999999999940941908e-01,
        2.857142874366239149e-01, 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
        1.479819860511658591e-01};

    private static int highWord(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static double withHighWord(double x, int high) {
        return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
    }

    /**
     * glibc's {@code log1p(x)}: {@code 1 + x = 2^k (1 + f)} with {@code sqrt(2)/2 < 1 + f < sqrt(2)}, a correction
     * {@code c} for the rounding of {@code 1 + x}, and {@code log(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2)))},
     * {@code s = f / (2 + f)}, R of degree 7 in {@code s^2} evaluated in four independent pairs. glibc's
     * algorithm, written here in Java.
     */
    static double log1p(double x) {
        int hx = highWord(x);
        int ax = hx & 0x7fffffff;
        int k = 1;
        double f = 0;
        double c = 0;
        int hu = 0;
        if (hx < 0x3FDA827A) {
            if (ax >= 0x3ff00000) {
                return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
            }
            if (ax < 0x3e200000) {
                return ax < 0x3c900000 ? x : Math.fma(-(x * x), 0.5, x);
            }
            if (hx > 0 || hx <= 0xbfd2bec3) {
                k = 0;
                f = x;
                hu = 1;
            }
        } else if (hx >= 0x7ff00000) {
            return x + x;
        }
        if (k != 0) {
            double u;
            if (hx < 0x43400000) {
                u = 1.0 + x;
                hu = highWord(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                c /= u;
            } else {
                u = x;
                hu = highWord(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHighWord(u, hu | 0x3ff00000);
            } else {
                k += 1;
                u = withHighWord(u, hu | 0x3fe00000);
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) {
            if (f == 0) {
                return k == 0 ? 0.0 : Math.fma(k, LN2_HI, Math.fma(k, LN2_LO, c));
            }
            double r = hfsq * Math.fma(-0.66666666666666666, f, 1.0);
            return k == 0 ? f - r : Math.fma(k, LN2_HI, -((r - Math.fma(k, LN2_LO, c)) - f));
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double z2 = z * z;
        double r2 = Math.fma(z, LP[3], LP[2]);
        double z4 = z2 * z2;
        double r3 = Math.fma(z, LP[5], LP[4]);
        double z6 = z4 * z2;
        double r4 = Math.fma(z, LP[7], LP[6]);
        double r = Math.fma(z6, r4, Math.fma(z4, r3, Math.fma(z, LP[1], z2 * r2)));
        // s * (hfsq + R) is shared by both branches, so it stays a separate product.
        double product = s * (hfsq + r);
        if (k == 0) {
            return f - (hfsq - product);
        }
        return Math.fma(k, LN2_HI, -((hfsq - (product + Math.fma(k, LN2_LO, c))) - f));
    }

    /** {@code v[i] = exp(v[i])} for {@code i < n}. */
    public static void exp(double[] v, int n) {
        apply(v, n, a -> Transforms.exp(a, false), Math::exp);
    }

    /** {@code v[i] = erf(v[i])} for {@code i < n} (off the CPU backend: Commons Math's erf, not glibc's). */
    public static void erf(double[] v, int n) {
        apply(v, n, a -> Nd4j.exec(new Erf(a, a)), org.apache.commons.math3.special.Erf::erf);
    }

    /** {@code v[i] = sin(v[i])} for {@code i < n}. */
    public static void sin(double[] v, int n) {
        apply(v, n, a -> Transforms.sin(a, false), Math::sin);
    }

    /** {@code v[i] = cos(v[i])} for {@code i < n}. */
    public static void cos(double[] v, int n) {
        apply(v, n, a -> Transforms.cos(a, false), Math::cos);
    }

    private static void apply(double[] v, int n, UnaryOperator<INDArray> nativeOp, DoubleUnaryOperator fallback) {
        if (n == 0) {
            return;
        }
        if (!Nd4j.getEnvironment().isCPU()) {
            for (int i = 0; i < n; i++) {
                v[i] = fallback.applyAsDouble(v[i]);
            }
            return;
        }
        INDArray a = Nd4j.createFromArray(n == v.length ? v : java.util.Arrays.copyOf(v, n));
        nativeOp.apply(a).data().asNioDouble().get(v, 0, n);
    }
}
