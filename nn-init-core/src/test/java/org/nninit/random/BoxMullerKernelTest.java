package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BoxMullerKernel} against the lane-by-lane port of the AVX2 kernel in {@link TorchMath}. The radius
 * depends only on {@code u1} and the sine/cosine only on {@code u2}, and each takes one of 2^24 values
 * ({@code k * 2^-24}), so comparing every value of each is a proof that the passes give the kernel's bits.
 */
class BoxMullerKernelTest {

    private static final int N = BoxMullerKernel.CHUNK;

    @Test
    void radiusSineAndCosineEqualTheKernelForEveryPossibleUniform() {
        float[] d = new float[N];
        float[] radius = new float[N];
        float[] sin = new float[N];
        float[] cos = new float[N];
        int mismatches = 0;
        String first = null;
        for (int base = 0; base < (1 << 24); base += N) {
            for (int i = 0; i < N; i++) {
                d[i] = (base + i) * TorchMath.FLOAT_UNIT;
            }
            // The same values serve as d1 (u1 = 1 - d1) and d2 (u2 = d2): both cover all 2^24 values.
            BoxMullerKernel.components(d, d, radius, sin, cos, N);
            for (int i = 0; i < N; i++) {
                float expectedRadius = (float) Math.sqrt(-2.0f * AvxBoxMullerReference.cephesLog(1.0f - d[i]));
                long sinCos = AvxBoxMullerReference.cephesSinCos(TorchMath.TWO_PI_FLOAT * d[i]);
                int expectedSin = (int) (sinCos >>> 32);
                int expectedCos = (int) sinCos;
                if (Float.floatToRawIntBits(radius[i]) != Float.floatToRawIntBits(expectedRadius)
                        || Float.floatToRawIntBits(sin[i]) != expectedSin
                        || Float.floatToRawIntBits(cos[i]) != expectedCos) {
                    if (first == null) {
                        first = String.format("k=%d radius %s/%s sin %s/%s cos %s/%s", base + i, radius[i],
                                expectedRadius, sin[i], Float.intBitsToFloat(expectedSin), cos[i],
                                Float.intBitsToFloat(expectedCos));
                    }
                    mismatches++;
                }
            }
        }
        assertThat(mismatches).as("first mismatch: %s", first).isZero();
    }

    @Test
    void transformEqualsTheBlockKernelOnRandomSegments() {
        SplittableRandom random = new SplittableRandom(11);
        for (int count : new int[] {16, 48, 2 * N, 2 * N + 16, 6 * N + 160}) {
            float mean = (float) random.nextDouble(-3, 3);
            float std = (float) random.nextDouble(0.01, 5);
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = random.nextInt(1 << 24) * TorchMath.FLOAT_UNIT;
            }
            float[] expected = values.clone();
            for (int at = 0; at < count; at += 16) {
                AvxBoxMullerReference.boxMullerBlock(expected, at, mean, std);
            }
            BoxMullerKernel.transform(values, count, mean, std);
            for (int i = 0; i < count; i++) {
                assertThat(Float.floatToRawIntBits(values[i])).as("count %d, element %d", count, i)
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }
}
