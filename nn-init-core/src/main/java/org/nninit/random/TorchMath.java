package org.nninit.random;

/**
 * The arithmetic of PyTorch's CPU sampling kernels, operation for operation, so that Java's IEEE float and
 * double arithmetic gives PyTorch's bits.
 *
 * <p>The float Box–Muller block follows the AVX2 kernel ({@code normal_fill_16_AVX2}), whose logarithm and
 * sine/cosine are the Cephes-derived polynomials of {@code avx_mathfun.h}; they are evaluated here with the
 * same constants (rounded to float the way C rounds them: via double), the same order of separate multiplies
 * and adds, and the one explicit fused multiply-add of the kernel's last step.
 */
final class TorchMath {

    static final float FLOAT_UNIT = 0x1.0p-24f;
    static final double DOUBLE_UNIT = 0x1.0p-53;
    static final long DOUBLE_MASK = (1L << 53) - 1;
    /** {@code _mm256_set1_ps(2.0f * c10::pi<double>)}: 2*pi rounded to float. */
    static final float TWO_PI_FLOAT = (float) (2.0 * Math.PI);

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

    private TorchMath() {
    }

    /** {@code uniform_real_distribution<float>(0, 1)} on one 32-bit draw: 24 random bits. */
    static float unitFloat(int random) {
        return (random & 0xffffff) * FLOAT_UNIT;
    }

    /** {@code uniform_real_distribution<double>(0, 1)} on one {@code random64()}: 53 random bits. */
    static double unitDouble(long random64) {
        return (random64 & DOUBLE_MASK) * DOUBLE_UNIT;
    }

    /** {@code uniform_real_distribution<Half/BFloat16>}: {@code digits} random bits (11 or 8), in float. */
    static float unitReduced(int random, int digits) {
        return (random & ((1 << digits) - 1)) * (1.0f / (1 << digits));
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
            float theta = TWO_PI_FLOAT * u2;
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
        float z = x * x;
        float y = LOG_P0;
        y = y * x;
        y = y + LOG_P1;
        y = y * x;
        y = y + LOG_P2;
        y = y * x;
        y = y + LOG_P3;
        y = y * x;
        y = y + LOG_P4;
        y = y * x;
        y = y + LOG_P5;
        y = y * x;
        y = y + LOG_P6;
        y = y * x;
        y = y + LOG_P7;
        y = y * x;
        y = y + LOG_P8;
        y = y * x;
        y = y * z;
        tmp = e * LOG_Q1;
        y = y + tmp;
        tmp = z * 0.5f;
        y = y - tmp;
        tmp = e * LOG_Q2;
        x = x + y;
        x = x + tmp;
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
        x = x + y * MINUS_DP1;
        x = x + y * MINUS_DP2;
        x = x + y * MINUS_DP3;
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;

        float z = x * x;
        float c = COSCOF_P0;
        c = c * z;
        c = c + COSCOF_P1;
        c = c * z;
        c = c + COSCOF_P2;
        c = c * z;
        c = c * z;
        c = c - z * 0.5f;
        c = c + 1.0f;

        float s = SINCOF_P0;
        s = s * z;
        s = s + SINCOF_P1;
        s = s * z;
        s = s + SINCOF_P2;
        s = s * z;
        s = s * x;
        s = s + x;

        // The kernel blends with masks and adds: the unselected polynomial contributes +0.0f.
        float sinFromS = Float.intBitsToFloat(Float.floatToRawIntBits(s) & sinPolynomial);
        float sinFromC = Float.intBitsToFloat(Float.floatToRawIntBits(c) & ~sinPolynomial);
        float sin = sinFromC + sinFromS;
        float cos = (c - sinFromC) + (s - sinFromS);
        int sinBits = Float.floatToRawIntBits(sin) ^ signSin;
        int cosBits = Float.floatToRawIntBits(cos) ^ signCos;
        return ((long) sinBits << 32) | (cosBits & 0xffffffffL);
    }

    /** {@code normal_fill_16<double>}: the scalar kernel, in double, with libm-style functions. */
    static void boxMullerBlock(double[] d, int at, double mean, double std) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1.0 - d[at + j];
            double u2 = d[at + j + 8];
            double radius = Math.sqrt(-2.0 * StrictMath.log(u1));
            double theta = 2.0 * Math.PI * u2;
            d[at + j] = radius * StrictMath.cos(theta) * std + mean;
            d[at + j + 8] = radius * StrictMath.sin(theta) * std + mean;
        }
    }

    /**
     * {@code normal_fill_16<Half/BFloat16>}: the scalar kernel in the reduced type, where c10's operators
     * compute each step in float and round the result back to the storage type.
     */
    static void boxMullerBlockReduced(float[] d, int at, float mean, float std, boolean bfloat16) {
        for (int j = 0; j < 8; j++) {
            float u1 = round(1.0f - d[at + j], bfloat16);
            float u2 = d[at + j + 8];
            float log = round((float) StrictMath.log(u1), bfloat16);
            float radius = round((float) Math.sqrt(-2.0f * log), bfloat16);
            float theta = round((float) (2.0 * Math.PI * u2), bfloat16);
            float cos = round((float) StrictMath.cos(theta), bfloat16);
            float sin = round((float) StrictMath.sin(theta), bfloat16);
            d[at + j] = round(round(round(radius * cos, bfloat16) * std, bfloat16) + mean, bfloat16);
            d[at + j + 8] = round(round(round(radius * sin, bfloat16) * std, bfloat16) + mean, bfloat16);
        }
    }

    /** Rounds a float to the nearest HALF or BFLOAT16 value (ties to even), returned as a float. */
    static float round(float value, boolean bfloat16) {
        return bfloat16 ? roundToBfloat16(value) : roundToHalf(value);
    }

    static float roundToBfloat16(float value) {
        if (Float.isNaN(value)) {
            return value;
        }
        int bits = Float.floatToRawIntBits(value);
        int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xffff0000);
    }

    static float roundToHalf(float value) {
        return halfBitsToFloat(floatToHalfBits(value));
    }

    /** IEEE binary16 bits of {@code value}, rounded to nearest even (as {@code c10::Half(float)}). */
    static short floatToHalfBits(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fffffff;
        if (magnitude >= 0x7f800000) {
            return (short) (sign | 0x7c00 | (magnitude > 0x7f800000 ? 0x200 : 0));
        }
        if (magnitude >= 0x477ff000) { // rounds to >= 65520: overflow to infinity
            return (short) (sign | 0x7c00);
        }
        if (magnitude < 0x38800000) { // below 2^-14: subnormal half, round at 2^-24
            float scaled = Float.intBitsToFloat(magnitude) * 0x1.0p24f; // exact; rint rounds half-even
            return (short) (sign | (int) Math.rint(scaled));
        }
        int exponent = (magnitude >>> 23) - 127 + 15;
        int mantissa = magnitude & 0x7fffff;
        int half = (exponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++;
        }
        return (short) (sign | half);
    }

    static float halfBitsToFloat(short halfBits) {
        int h = halfBits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1.0p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
