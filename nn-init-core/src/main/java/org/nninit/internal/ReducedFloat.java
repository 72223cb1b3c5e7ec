package org.nninit.internal;

/**
 * Rounding to HALF and BFLOAT16 as c10's conversions round (to nearest, ties to even), on float carriers:
 * PyTorch computes these types in float and rounds after each operation, and reproducing that needs the
 * rounding on its own.
 */
public final class ReducedFloat {

    private ReducedFloat() {
    }

    /** Rounds a float to the nearest HALF or BFLOAT16 value (ties to even), returned as a float. */
    public static float round(float value, boolean bfloat16) {
        return bfloat16 ? roundToBfloat16(value) : roundToHalf(value);
    }

    public static float roundToBfloat16(float value) {
        if (Float.isNaN(value)) {
            return value;
        }
        int bits = Float.floatToRawIntBits(value);
        int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xffff0000);
    }

    public static float roundToHalf(float value) {
        return halfBitsToFloat(floatToHalfBits(value));
    }

    /** IEEE binary16 bits of {@code value}, rounded to nearest even (as {@code c10::Half(float)}). */
    public static short floatToHalfBits(float value) {
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

    public static float halfBitsToFloat(short halfBits) {
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
