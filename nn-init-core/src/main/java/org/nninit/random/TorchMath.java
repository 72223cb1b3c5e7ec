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
