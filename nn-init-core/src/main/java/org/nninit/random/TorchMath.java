package org.nninit.random;

/**
 * PyTorch's integer-to-uniform conversions ({@code uniform_real_distribution}), bit for bit. The Box–Muller
 * transforms are in {@link BoxMullerKernel} (AVX2 float) and {@link NormalKernels} (the others).
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

    /** {@code unitFloat(temper(w))} for each word, in loops simple enough to vectorise (words are overwritten). */
    static void unitFloatsFromWords(int[] words, float[] values, int count) {
        Mt19937.temper(words, 0, count);
        for (int k = 0; k < count; k++) {
            values[k] = words[k] & 0xffffff;
        }
        for (int k = 0; k < count; k++) {
            values[k] *= FLOAT_UNIT;
        }
    }
}
