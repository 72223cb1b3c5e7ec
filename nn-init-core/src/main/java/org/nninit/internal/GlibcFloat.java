package org.nninit.internal;

/**
 * glibc's single-precision {@code logf}, {@code expf}, {@code sinf}, {@code cosf} and {@code erff}, bit for bit,
 * for the PyTorch kernels that call them (the portable Box–Muller block, HALF/BFLOAT16 blocks, and the float
 * {@code erfinv} of {@code trunc_normal_}).
 *
 * <p>Why not {@code (float) Math.log(x)}: glibc's float functions are not correctly rounded (logf up to 0.82
 * ulp, sinf/cosf 0.56 ulp); measured here, rounding the double result differs from glibc on 1.5% of the Box–Muller
 * outputs. The algorithms below are glibc's (the table-driven logf/expf/sinf/cosf of glibc 2.28 and later,
 * evaluated in double; the fdlibm erff in float), with the fused multiply-adds of glibc's x86-64 FMA variants,
 * which glibc selects on every CPU that has FMA. Inputs are the finite values those kernels pass (no special
 * handling of errno or rounding modes). Checked exhaustively against the system's glibc in the tests.
 */
public final class GlibcFloat {

    private GlibcFloat() {
    }

    // ---------------------------------------------------------------- logf: 16 subintervals of [0x3f330000, 2x)

    private static final int LOGF_OFF = 0x3f330000;
    private static final double[] LOGF_INVC = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1};
    private static final double[] LOGF_LOGC = {
        -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
        -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
        0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2};
    private static final double LN2 = 0x1.62e42fefa39efp-1;
    private static final double LOGF_A0 = -0x1.00ea348b88334p-2;
    private static final double LOGF_A1 = 0x1.5575b0be00b6ap-2;
    private static final double LOGF_A2 = -0x1.ffffef20a4123p-2;

    /** {@code logf(x)}: {@code log1p(z/c - 1) + log(c) + k ln 2} with {@code x = 2^k z}, c the subinterval's centre. */
    public static float logf(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0;
        }
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0) {
            if (ix * 2 == 0) {
                return Float.NEGATIVE_INFINITY;
            }
            if (ix == 0x7f800000) {
                return x;
            }
            if (ix < 0 || Integer.compareUnsigned(ix * 2, 0xff000000) >= 0) {
                return Float.NaN;
            }
            ix = Float.floatToRawIntBits(x * 0x1p23f) - (23 << 23); // subnormal: normalise
        }
        int tmp = ix - LOGF_OFF;
        int i = (tmp >>> (23 - 4)) % 16;
        int k = tmp >> 23;
        int iz = ix - (tmp & (0x1ff << 23));
        double z = Float.intBitsToFloat(iz);
        double r = Math.fma(z, LOGF_INVC[i], -1.0);
        double y0 = Math.fma(k, LN2, LOGF_LOGC[i]);
        double r2 = r * r;
        double y = Math.fma(LOGF_A1, r, LOGF_A2);
        y = Math.fma(LOGF_A0, r2, y);
        y = Math.fma(y, r2, y0 + r);
        return (float) y;
    }

    // ---------------------------------------------------------------- expf: 2^(k/32) table and a cubic

    private static final long[] EXP2F_TAB = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L};
    private static final double EXPF_INV_LN2_N = 0x1.71547652b82fep+0 * 32;
    private static final double EXPF_SHIFT = 0x1.8p+52;
    private static final double EXPF_C0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;
    private static final double EXPF_C1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
    private static final double EXPF_C2 = 0x1.62e42ff0c52d6p-1 / 32;

    /** {@code expf(x)}: {@code 2^(k/32) * 2^(r/32)}, k and r from {@code x * 32 / ln 2}. */
    public static float expf(float x) {
        int abstop = (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
        if (abstop >= (Float.floatToRawIntBits(88.0f) >>> 20)) {
            if (x == Float.NEGATIVE_INFINITY) {
                return 0.0f;
            }
            if (abstop >= (Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> 20)) {
                return x + x;
            }
            if (x > 0x1.62e42ep6f) {
                return Float.POSITIVE_INFINITY;
            }
            if (x < -0x1.9fe368p6f) {
                return 0.0f;
            }
        }
        // z = x * 32 / ln 2 feeds only additions, so the FMA build fuses it into both of them.
        double kd = Math.fma(EXPF_INV_LN2_N, x, EXPF_SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXPF_SHIFT;
        double r = Math.fma(EXPF_INV_LN2_N, x, -kd);
        long t = EXP2F_TAB[(int) (ki & 31)] + (ki << (52 - 5));
        double s = Double.longBitsToDouble(t);
        double p = Math.fma(EXPF_C0, r, EXPF_C1);
        double r2 = r * r;
        double y = Math.fma(EXPF_C2, r, 1.0);
        y = Math.fma(p, r2, y);
        return (float) (y * s);
    }

    // ---------------------------------------------------------------- sinf, cosf (|x| < 120)

    private static final double PIO4 = 0x1.921FB54442D18p-1;
    private static final double HPI_INV_SCALED = 0x1.45F306DC9C883p+23;
    private static final double HPI = 0x1.921FB54442D18p0;
    private static final double C1 = -0x1.ffffffd0c621cp-2;
    private static final double C2 = 0x1.55553e1068f19p-5;
    private static final double C3 = -0x1.6c087e89a359dp-10;
    private static final double C4 = 0x1.99343027bf8c3p-16;
    private static final double S1 = -0x1.555545995a603p-3;
    private static final double S2 = 0x1.1107605230bc4p-7;
    private static final double S3 = -0x1.994eb3774cf24p-13;

    private static int abstop12(float x) {
        return (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
    }

    /** {@code sinf(x)} for {@code |x| < 120}, as glibc: one-step reduction by pi/2, then a sine or cosine polynomial. */
    public static float sinf(float y) {
        return sinOrCos(y, false);
    }

    /** {@code cosf(x)} for {@code |x| < 120}. */
    public static float cosf(float y) {
        return sinOrCos(y, true);
    }

    private static float sinOrCos(float y, boolean cosine) {
        if (!(abstop12(y) < abstop12(120.0f))) {
            throw new IllegalArgumentException("sinf/cosf reproduce glibc for |x| < 120 only, but found x=" + y);
        }
        double x = y;
        if (abstop12(y) < abstop12((float) PIO4)) {
            if (abstop12(y) < abstop12(0x1p-12f)) {
                return cosine ? 1.0f : y;
            }
            return poly(x, x * x, 1.0, cosine ? 1 : 0);
        }
        // reduce_fast without TOINT_INTRINSICS (x86-64): the quadrant ends up in bits 24..31.
        double r = x * HPI_INV_SCALED;
        int n = ((int) r + 0x800000) >> 24;
        x = Math.fma(-n, HPI, x);
        double sign = (n & 3) == 1 || (n & 3) == 2 ? -1.0 : 1.0;
        // The second table entry negates the cosine polynomial: quadrants 2 and 3.
        double cosSign = (n & 2) != 0 ? -1.0 : 1.0;
        return poly(x * sign, x * x, cosSign, cosine ? n ^ 1 : n);
    }

    /** {@code sinf_poly}: the sine polynomial for even n, the (signed) cosine polynomial for odd n. */
    private static float poly(double x, double x2, double cosSign, int n) {
        if ((n & 1) == 0) {
            double x3 = x * x2;
            double s1 = Math.fma(x2, S3, S2);
            double x7 = x3 * x2;
            double s = Math.fma(x3, S1, x);
            return (float) Math.fma(x7, s1, s);
        }
        double x4 = x2 * x2;
        double c2 = Math.fma(x2, cosSign * C4, cosSign * C3);
        double c1 = Math.fma(x2, cosSign * C1, cosSign);
        double x6 = x4 * x2;
        double c = Math.fma(x4, cosSign * C2, c1);
        return (float) Math.fma(x6, c2, c);
    }

    // ---------------------------------------------------------------- erff: fdlibm, in float

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

    /** {@code c[0] + s*(c[1] + s*(...))}, one rounding per operation (erff is built without FMA). */
    private static float horner(float s, float[] c) {
        float acc = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            acc = c[i] + s * acc;
        }
        return acc;
    }

    private static float hornerOne(float s, float[] q) {
        return 1.0f + s * horner(s, q);
    }

    /** {@code erff(x)}: rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35), [1/0.35, 6). */
    public static float erff(float x) {
        int hx = Float.floatToRawIntBits(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7f800000) {
            return Float.isNaN(x) ? x : Math.copySign(1.0f, x);
        }
        if (ix < 0x3f580000) {
            if (ix < 0x31800000) {
                // Below 2^-28; below 2^-119 scaled by 16 first, as glibc does to avoid a spurious underflow.
                return ix < 0x04000000 ? 0.0625f * (16.0f * x + (16.0f * EFX) * x) : x + EFX * x;
            }
            float z = x * x;
            return x + x * (horner(z, PP) / hornerOne(z, QQ));
        }
        if (ix < 0x3fa00000) {
            float s = Math.abs(x) - 1.0f;
            float p = horner(s, PA);
            float q = hornerOne(s, QA);
            return hx >= 0 ? ERX + p / q : -ERX - p / q;
        }
        if (ix >= 0x40c00000) {
            return hx >= 0 ? 1.0f - 1e-30f : 1e-30f - 1.0f;
        }
        float ax = Math.abs(x);
        float s = 1.0f / (ax * ax);
        boolean near = ix < 0x4036DB6E;
        float r = horner(s, near ? RA : RB);
        float q = hornerOne(s, near ? SA : SB);
        float z = Float.intBitsToFloat(Float.floatToRawIntBits(ax) & 0xfffff000);
        float e = expf(-z * z - 0.5625f) * expf((z - ax) * (z + ax) + r / q);
        return hx >= 0 ? 1.0f - e / ax : e / ax - 1.0f;
    }
}
