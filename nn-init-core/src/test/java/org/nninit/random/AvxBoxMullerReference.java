package org.nninit.random;

/**
 * PyTorch's x86 AVX2 float Box-Muller kernel ({@code normal_fill_16_AVX2} with {@code avx_mathfun.h}'s
 * {@code log256_ps} and {@code sincos256_ps}), ported lane by lane: the specification that
 * {@link BoxMullerKernel}'s vectorisable passes are proven bit-identical against, over every input.
 */
final class AvxBoxMullerReference {

    private static final float SQRTHF = (float) 0.707106781186547524;
    private static final int SQRTHF_BITS = Float.floatToRawIntBits(SQRTHF);
    private static final int ONE_BITS = Float.floatToRawIntBits(1.0f);
    private static final float LOG_P0 = (float) 7.0376836292E-2;
    private static final float LOG_P1 = (float) -1.1514610310E-1;
    private static final float LOG_P2 = (float) 1.1676998740E-1;
    private static final float LOG_P3 = (float) -1.2420140846E-1;
    private static final float LOG_P4 = (float) 1.4249322787E-1;
    private static final float LOG_P5 = (float) -1.6668057665E-1;
    private static final float LOG_P6 = (float) 2.0000714765E-1;
    private static final float LOG_P7 = (float) -2.4999993993E-1;
    private static final float LOG_P8 = (float) 3.3333331174E-1;
    private static final float LOG_Q1 = (float) -2.12194440e-4;
    private static final float LOG_Q2 = (float) 0.693359375;

    private static final float MINUS_DP1 = (float) -0.78515625;
    private static final float MINUS_DP2 = (float) -2.4187564849853515625e-4;
    private static final float MINUS_DP3 = (float) -3.77489497744594108e-8;
    private static final float SINCOF_P0 = (float) -1.9515295891E-4;
    private static final float SINCOF_P1 = (float) 8.3321608736E-3;
    private static final float SINCOF_P2 = (float) -1.6666654611E-1;
    private static final float COSCOF_P0 = (float) 2.443315711809948E-005;
    private static final float COSCOF_P1 = (float) -1.388731625493765E-003;
    private static final float COSCOF_P2 = (float) 4.166664568298827E-002;
    private static final float FOPI = (float) 1.27323954473516;

    private AvxBoxMullerReference() {
    }

    /**
     * One AVX2 Box–Muller block in place: for j in 0..7, {@code u1 = 1 - d[j]}, {@code u2 = d[j+8]},
     * {@code r = sqrt(-2 log u1)}, {@code theta = 2pi u2}, {@code d[j] = fma(r cos, std, mean)},
     * {@code d[j+8] = fma(r sin, std, mean)}.
     */
    static void boxMullerBlock(float[] d, int at, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[at + j];
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt(-2.0f * cephesLog(u1));
            float theta = TorchMath.TWO_PI_FLOAT * u2;
            long sinCos = cephesSinCos(theta);
            float sin = Float.intBitsToFloat((int) (sinCos >>> 32));
            float cos = Float.intBitsToFloat((int) sinCos);
            d[at + j] = Math.fma(radius * cos, std, mean);
            d[at + j + 8] = Math.fma(radius * sin, std, mean);
        }
    }

    /** {@code log256_ps}, one lane. */
    static float cephesLog(float input) {
        boolean invalid = !(input > 0.0f);
        float x = Math.max(input, Float.MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        int exponent = (bits >>> 23) - 0x7f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | 0x3f000000);
        float e = (float) exponent;
        e = e + 1.0f;
        // x is in [0.5, 1): positive floats order as their bits, so the sign of the difference is the
        // kernel's compare mask. Masks instead of branches: the outcome is random and mispredicted half the time.
        int below = (Float.floatToRawIntBits(x) - SQRTHF_BITS) >> 31;
        float tmp = Float.intBitsToFloat(Float.floatToRawIntBits(x) & below);
        x = x - 1.0f;
        e = e - Float.intBitsToFloat(ONE_BITS & below);
        x = x + tmp;
        // As compiled (objdump of libtorch_cpu.so 1.13, AVX2): GCC contracts each Horner step, y * z + e * q1,
        // y - z * 0.5 and x + e * q2 into fused multiply-adds; e * q1 and the last y * x stay separate products.
        float z = x * x;
        float y = LOG_P0;
        y = Math.fma(y, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        x = Math.fma(e, LOG_Q2, x);
        return invalid ? Float.NaN : x;
    }

    /** {@code sincos256_ps}, one lane: the sine's bits in the high word, the cosine's in the low word. */
    static long cephesSinCos(float input) {
        int signSin = Float.floatToRawIntBits(input) & 0x80000000;
        float x = Math.abs(input);
        float y = x * FOPI;
        int j = (int) y;
        j = (j + 1) & ~1;
        y = (float) j;
        int swapSignSin = (j & 4) << 29;
        // All ones where the sine comes from the sine polynomial; a mask, as in the kernel, not a branch.
        int sinPolynomial = ((j & 2) >> 1) - 1;
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;

        // Contracted as compiled: two fused Horner steps, a separate c * z, then c * z - z * 0.5 fused;
        // the sine likewise, ending in s * x + x fused.
        float z = x * x;
        float c = Math.fma(COSCOF_P0, z, COSCOF_P1);
        c = Math.fma(c, z, COSCOF_P2);
        c = c * z;
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1.0f;

        float s = Math.fma(SINCOF_P0, z, SINCOF_P1);
        s = Math.fma(s, z, SINCOF_P2);
        s = s * z;
        s = Math.fma(s, x, x);

        // The kernel blends with masks and adds: the unselected polynomial contributes +0.0f.
        float sinFromS = Float.intBitsToFloat(Float.floatToRawIntBits(s) & sinPolynomial);
        float sinFromC = Float.intBitsToFloat(Float.floatToRawIntBits(c) & ~sinPolynomial);
        float sin = sinFromC + sinFromS;
        float cos = (c - sinFromC) + (s - sinFromS);
        int sinBits = Float.floatToRawIntBits(sin) ^ signSin;
        int cosBits = Float.floatToRawIntBits(cos) ^ signCos;
        return ((long) sinBits << 32) | (cosBits & 0xffffffffL);
    }
}
