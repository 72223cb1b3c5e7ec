package org.nninit;

/**
 * PyTorch's {@code erfinv_} on CPU ({@code calc_erfinv} in ATen's {@code Math.h}), evaluated in the tensor's
 * type as PyTorch evaluates it, for the inverse-CDF {@code trunc_normal_} of PyTorch 2.11 and earlier:
 * Pavlis's rational approximation (central range |y| <= 0.7, and a tail formula in
 * {@code sqrt(-log((1 - |y|) / 2))}), then two Newton steps {@code x - (erf(x) - y) / (2/sqrt(pi) exp(-x^2))}.
 *
 * <p>Why it looks like this: PyTorch's AVX2 kernels are compiled with FMA and the compiler fuses each Horner
 * step of the rational approximation into one fused multiply-add (measured: 0 of 20,000 float values differ
 * with fused steps, 2,601 with separate ones; the reverse with {@code ATEN_CPU_CAPABILITY=default}). The float
 * {@code erf} is glibc's {@code erff}, the fdlibm algorithm, reproduced in {@link #erff}; {@code expf} and
 * {@code logf} are taken as the double result rounded to float, which is what glibc returns on all but about
 * 0.06% of inputs (measured). The double kernel uses {@link Math}'s log and exp and an erf accurate to an ulp
 * or two, so DOUBLE results can differ from PyTorch's in the last bits.
 */
final class TorchErfinv {

    private static final float[] A = {0.886226899f, -1.645349621f, 0.914624893f, -0.140543331f};
    private static final float[] B = {-2.118377725f, 1.442710462f, -0.329097515f, 0.012229801f};
    private static final float[] C = {-1.970840454f, -1.624906493f, 3.429567803f, 1.641345311f};
    private static final float[] D = {3.543889200f, 1.637067800f};
    private static final double[] A_D = {0.886226899, -1.645349621, 0.914624893, -0.140543331};
    private static final double[] B_D = {-2.118377725, 1.442710462, -0.329097515, 0.012229801};
    private static final double[] C_D = {-1.970840454, -1.624906493, 3.429567803, 1.641345311};
    private static final double[] D_D = {3.543889200, 1.637067800};
    /** {@code 2 * c10::frac_1_sqrt_pi<T>}. */
    private static final float TWO_OVER_SQRT_PI_F = 2.0f * (float) (1 / Math.sqrt(Math.PI));
    private static final double TWO_OVER_SQRT_PI = 2.0 * (1 / Math.sqrt(Math.PI));

    private TorchErfinv() {
    }

    private static float step(float acc, float z, float c, boolean fused) {
        return fused ? Math.fma(acc, z, c) : acc * z + c;
    }

    private static double step(double acc, double z, double c, boolean fused) {
        return fused ? Math.fma(acc, z, c) : acc * z + c;
    }

    /** {@code calc_erfinv<float>(y)}, with fused Horner steps as the AVX2 build computes them. */
    static float erfinv(float y, boolean fused) {
        float yAbs = Math.abs(y);
        if (yAbs > 1.0f) {
            return Float.NaN;
        }
        if (yAbs == 1.0f) {
            return Math.copySign(Float.POSITIVE_INFINITY, y);
        }
        float x;
        if (yAbs <= 0.7f) {
            float z = y * y;
            float num = step(step(step(A[3], z, A[2], fused), z, A[1], fused), z, A[0], fused);
            float dem = step(step(step(step(B[3], z, B[2], fused), z, B[1], fused), z, B[0], fused), z, 1.0f, fused);
            x = y * num / dem;
        } else {
            float z = (float) Math.sqrt(-logf((1.0f - yAbs) / 2.0f));
            float num = step(step(step(C[3], z, C[2], fused), z, C[1], fused), z, C[0], fused);
            float dem = step(step(D[1], z, D[0], fused), z, 1.0f, fused);
            x = Math.copySign(num, y) / dem;
        }
        x = x - (erff(x) - y) / (TWO_OVER_SQRT_PI_F * expf(-x * x));
        x = x - (erff(x) - y) / (TWO_OVER_SQRT_PI_F * expf(-x * x));
        return x;
    }

    /** {@code calc_erfinv<double>(y)}. */
    static double erfinv(double y, boolean fused) {
        double yAbs = Math.abs(y);
        if (yAbs > 1.0) {
            return Double.NaN;
        }
        if (yAbs == 1.0) {
            return Math.copySign(Double.POSITIVE_INFINITY, y);
        }
        double x;
        if (yAbs <= 0.7) {
            double z = y * y;
            double num = step(step(step(A_D[3], z, A_D[2], fused), z, A_D[1], fused), z, A_D[0], fused);
            double dem = step(step(step(step(B_D[3], z, B_D[2], fused), z, B_D[1], fused), z, B_D[0], fused), z,
                    1.0, fused);
            x = y * num / dem;
        } else {
            double z = Math.sqrt(-Math.log((1.0 - yAbs) / 2.0));
            double num = step(step(step(C_D[3], z, C_D[2], fused), z, C_D[1], fused), z, C_D[0], fused);
            double dem = step(step(D_D[1], z, D_D[0], fused), z, 1.0, fused);
            x = Math.copySign(num, y) / dem;
        }
        x = x - (org.apache.commons.math3.special.Erf.erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
        x = x - (org.apache.commons.math3.special.Erf.erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
        return x;
    }

    private static float logf(float x) {
        return (float) Math.log(x);
    }

    private static float expf(float x) {
        return (float) Math.exp(x);
    }

    // fdlibm's float erf (as glibc's s_erff.c): rational approximations on [0, 0.84375), [0.84375, 1.25),
    // [1.25, 1/0.35), [1/0.35, 6), each in float arithmetic without contraction (glibc is built for baseline
    // x86-64 here, and has no FMA variant of erff).
    private static final float ERX = 8.4506291151e-01f;
    private static final float EFX = 1.2837916613e-01f;
    private static final float[] PP = {1.2837916613e-01f, -3.2504209876e-01f, -2.8481749818e-02f,
        -5.7702702470e-03f, -2.3763017452e-05f};
    private static final float[] QQ = {3.9791721106e-01f, 6.5022252500e-02f, 5.0813062117e-03f,
        1.3249473704e-04f, -3.9602282413e-06f};
    private static final float[] PA = {-2.3621185683e-03f, 4.1485610604e-01f, -3.7220788002e-01f,
        3.1834661961e-01f, -1.1089469492e-01f, 3.5478305072e-02f, -2.1663755178e-03f};
    private static final float[] QA = {1.0642088205e-01f, 5.4039794207e-01f, 7.1828655899e-02f,
        1.2617121637e-01f, 1.3637083583e-02f, 1.1984500103e-02f};
    private static final float[] RA = {-9.8649440333e-03f, -6.9385856390e-01f, -1.0558626175e+01f,
        -6.2375331879e+01f, -1.6239666748e+02f, -1.8460508728e+02f, -8.1287437439e+01f, -9.8143291473e+00f};
    private static final float[] SA = {1.9651271820e+01f, 1.3765776062e+02f, 4.3456588745e+02f,
        6.4538726807e+02f, 4.2900814819e+02f, 1.0863500214e+02f, 6.5702495575e+00f, -6.0424413532e-02f};
    private static final float[] RB = {-9.8649431020e-03f, -7.9928326607e-01f, -1.7757955551e+01f,
        -1.6063638306e+02f, -6.3756646729e+02f, -1.0250950928e+03f, -4.8351919556e+02f};
    private static final float[] SB = {3.0338060379e+01f, 3.2579251099e+02f, 1.5367296143e+03f,
        3.1998581543e+03f, 2.5530502930e+03f, 4.7452853394e+02f, -2.2440952301e+01f};

    /** {@code c0 + s*(c1 + s*(c2 + ...))}, innermost first, one rounding per operation. */
    private static float horner(float s, float[] c, int from) {
        float acc = c[c.length - 1];
        for (int i = c.length - 2; i >= from; i--) {
            acc = c[i] + s * acc;
        }
        return acc;
    }

    /** {@code 1 + s*(q1 + s*(q2 + ...))}. */
    private static float hornerOne(float s, float[] q) {
        return 1.0f + s * horner(s, q, 0);
    }

    /** glibc's {@code erff}. */
    static float erff(float x) {
        int hx = Float.floatToRawIntBits(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7f800000) {
            return Float.isNaN(x) ? x : Math.copySign(1.0f, x);
        }
        if (ix < 0x3f580000) {
            if (ix < 0x31800000) {
                return x + EFX * x;
            }
            float z = x * x;
            float r = horner(z, PP, 0);
            float s = hornerOne(z, QQ);
            return x + x * (r / s);
        }
        if (ix < 0x3fa00000) {
            float s = Math.abs(x) - 1.0f;
            float p = horner(s, PA, 0);
            float q = hornerOne(s, QA);
            return hx >= 0 ? ERX + p / q : -ERX - p / q;
        }
        if (ix >= 0x40c00000) {
            return hx >= 0 ? 1.0f - 1e-30f : 1e-30f - 1.0f;
        }
        float ax = Math.abs(x);
        float s = 1.0f / (ax * ax);
        float r;
        float q;
        if (ix < 0x4036DB6E) {
            r = horner(s, RA, 0);
            q = hornerOne(s, SA);
        } else {
            r = horner(s, RB, 0);
            q = hornerOne(s, SB);
        }
        float z = Float.intBitsToFloat(Float.floatToRawIntBits(ax) & 0xfffff000);
        float e = expf(-z * z - 0.5625f) * expf((z - ax) * (z + ax) + r / q);
        return hx >= 0 ? 1.0f - e / ax : e / ax - 1.0f;
    }
}
