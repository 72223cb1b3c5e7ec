package org.nninit.random;

/**
 * The float AVX2 Box–Muller kernel of PyTorch's {@code normal_fill_16_AVX2}, bit for bit (its lane-by-lane
 * port, {@code AvxBoxMullerReference} in the tests, is the specification), rewritten as structure-of-arrays
 * passes that JDK 17's C2 auto-vectoriser (superword) can turn into SIMD code.
 *
 * <p>Why it looks like this: on JDK 17, C2 vectorises counted loops of float add/sub/mul, {@code Math.fma},
 * {@code Math.min/max}, float {@code sqrt} and int arithmetic, but not {@code Float.floatToRawIntBits} /
 * {@code intBitsToFloat}, nothing with a branch or a call, and no loop whose body passes a certain size
 * (measured with {@code -XX:-UseSuperWord} against the default; one five-output loop of the octant step ran
 * scalar at 4.4 ns a pair until it was split in three, 0.8 ns): hence many small loops. The Cephes kernel's
 * bit tricks are replaced as follows, each giving the same bits for every input the kernel can see
 * ({@code u1} in [2^-24, 1], {@code u2} in [0, 1), both multiples of 2^-24), checked exhaustively over all
 * 2^24 values of each in {@code BoxMullerKernelTest}:
 * <ul>
 *   <li>Exponent and mantissa of {@code u1} (the log's {@code frexp}): read from the float's fields in a scalar
 *       loop of their own, the one pass that is not vectorised.</li>
 *   <li>Compare masks ({@code x < sqrt(1/2)}, and the sincos octant {@code j}): a step function
 *       {@code clamp((a - b) * 2^k + c)}, {@code clamp} = {@code min(max(.., 0), 1)}, exactly 0 or 1,
 *       since {@code a - b} is exact near the threshold (Sterbenz) and at least one ulp away from it; a
 *       masked value {@code v & mask} becomes {@code v * step}, which is the same value (the kernel's
 *       masked-off lanes are +0, and every place where a product could be -0 instead of +0 is added to a
 *       non-zero value or to +0, see the comments).</li>
 *   <li>The octant {@code j = ((int) (x * 4/pi) + 1) & ~1} is in {0, 2, 4, 6, 8} since {@code theta} is in
 *       [0, 2pi); {@code j} and the sign/polynomial choices that depend on its bits are sums of the four steps
 *       {@code y >= 1, 3, 5, 7}.</li>
 * </ul>
 * Work goes by chunks of {@link #CHUNK} pairs so that the scratch arrays stay in L1/L2.
 */
final class BoxMullerKernel {

    /** Pairs (one u1, one u2) per chunk: 32 blocks of 16 values; scratch 9 arrays x 2 KiB. */
    static final int CHUNK = 512;

    private static final float SQRTHF = (float) 0.707106781186547524;
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

    /** Per thread: the pipeline finishes segments on pool threads, and allocating per segment would add heap. */
    private static final ThreadLocal<BoxMullerKernel> SCRATCH = ThreadLocal.withInitial(BoxMullerKernel::new);

    private final float[] u1 = new float[CHUNK];
    private final float[] u2 = new float[CHUNK];
    private final float[] mantissa = new float[CHUNK];
    private final float[] exponent = new float[CHUNK];
    private final float[] radius = new float[CHUNK];
    private final float[] reduced = new float[CHUNK];
    private final float[] octant = new float[CHUNK];
    private final float[] sin = new float[CHUNK];
    private final float[] cos = new float[CHUNK];

    private BoxMullerKernel() {
    }

    /**
     * PyTorch's AVX2 Box-Muller block transform for every {@code at} in 0, 16, ..., count - 16:
     * the same values, in place.
     */
    static void transform(float[] values, int count, float mean, float std) {
        BoxMullerKernel k = SCRATCH.get();
        for (int start = 0; start < count; start += 2 * CHUNK) {
            k.chunk(values, start, Math.min(CHUNK, (count - start) / 2), mean, std);
        }
    }

    private void chunk(float[] values, int start, int pairs, float mean, float std) {
        // De-interleave: block b holds u1 for lanes 0..7 in values[16b..16b+8) and u2 in [16b+8..16b+16).
        for (int b = 0; b < pairs; b += 8) {
            System.arraycopy(values, start + 2 * b, u1, b, 8);
            System.arraycopy(values, start + 2 * b + 8, u2, b, 8);
        }
        frexp(pairs);
        logRadius(pairs);
        octants(pairs);
        sinCos(pairs);
        for (int p = 0; p < pairs; p++) {
            cos[p] = Math.fma(radius[p] * cos[p], std, mean);
            sin[p] = Math.fma(radius[p] * sin[p], std, mean);
        }
        for (int b = 0; b < pairs; b += 8) {
            System.arraycopy(cos, b, values, start + 2 * b, 8);
            System.arraycopy(sin, b, values, start + 2 * b + 8, 8);
        }
    }

    /**
     * The radius {@code sqrt(-2 log(1 - d1))} and the sine/cosine of {@code 2pi d2} of each of {@code n} pairs, as
     * the block transform computes them: lane j of a block is the pair (its value j, its value j + 8), and turns
     * into {@code fma(radius * cos, std, mean)} at j and {@code fma(radius * sin, std, mean)} at j + 8. For
     * callers that want a few values of many blocks (trunc_normal_'s rejection rounds), and for the tests.
     */
    static void components(float[] d1, float[] d2, float[] radius, float[] sin, float[] cos, int n) {
        BoxMullerKernel k = SCRATCH.get();
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            System.arraycopy(d1, start, k.u1, 0, count);
            System.arraycopy(d2, start, k.u2, 0, count);
            k.frexp(count);
            k.logRadius(count);
            k.octants(count);
            k.sinCos(count);
            System.arraycopy(k.radius, 0, radius, start, count);
            System.arraycopy(k.sin, 0, sin, start, count);
            System.arraycopy(k.cos, 0, cos, start, count);
        }
    }

    /**
     * {@code min(max(v, 0), 1)} for a {@code v} that is either <= 0 or >= 1. {@code (v + |v|) * 0.5} is
     * {@code max(v, 0)} exactly (a doubling and a halving); abs and add are cheaper than a vectorised Java
     * {@code Math.max}, which must order -0 and NaN.
     */
    private static float clamp(float v) {
        return Math.min((v + Math.abs(v)) * 0.5f, 1.0f);
    }

    /** 1 if {@code a < b}, else 0, where {@code b > a} implies {@code (b - a) * scale >= 1}. */
    private static float less(float a, float b, float scale) {
        return clamp((b - a) * scale);
    }

    /**
     * {@code u1 = 1 - d}, then the log's {@code x} in [0.5, 1) and {@code e} with {@code u1 = x * 2^e},
     * already adjusted for {@code x < sqrt(1/2)} as the kernel does. The exponent and mantissa come from the
     * float's bits in a scalar loop of its own: C2 does not vectorise the bit moves, but alone they cost about
     * 1.1 ns a pair, where the earlier form, five vectorised branch-free scaling steps, cost 4.3 (measured, one
     * core).
     */
    private void frexp(int pairs) {
        for (int p = 0; p < pairs; p++) {
            // u1 = 1 - d is exact and normal (a multiple of 2^-24 in (0, 1]), so frexp is the float's fields.
            int bits = Float.floatToRawIntBits(1.0f - u1[p]);
            exponent[p] = (bits >>> 23) - 126;
            mantissa[p] = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f000000);
        }
        for (int p = 0; p < pairs; p++) {
            float x = mantissa[p];
            // The kernel: tmp = x & (x < SQRTHF); x = x - 1; e = e - (1 & mask); x = x + tmp. x > 0, so
            // x * 0 is +0, the kernel's masked-off value.
            float below = less(x, SQRTHF, 0x1.0p25f);
            float tmp = x * below;
            x = x - 1.0f;
            exponent[p] = exponent[p] - below;
            mantissa[p] = x + tmp;
        }
    }

    /** The rest of {@code log256_ps} and {@code sqrt(-2 log u1)}, the kernel's operations in its order. */
    private void logRadius(int pairs) {
        for (int p = 0; p < pairs; p++) {
            float x = mantissa[p];
            float e = exponent[p];
            // Contracted as GCC compiled the AVX2 kernel (objdump of libtorch_cpu.so): fused Horner steps,
            // y * z + e * q1, y - z / 2 and x + e * q2 fused; e * q1 and the last y * x rounded on their own.
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
            radius[p] = (float) Math.sqrt(-2.0f * x);
        }
    }

    /** 1 if {@code y >= t}: {@code y - t} is exact near t and at least 2^-24 below it, so the sum is <= -3 there. */
    private static float atLeast(float y, float t) {
        return clamp((y - t) * 0x1.0p26f + 1.0f);
    }

    /**
     * {@code theta = 2pi u2 >= 0}; the octant {@code j} (as a float, 0..8), the range reduction, and the choices
     * that depend on j's bits, as 0/1 floats. The kernel's {@code j = ((int) y + 1) & ~1} is 2 * (the number of
     * 1, 3, 5, 7 at or below y), y < 9. Scratch reuse after the log is done: {@code u1} = sine from the sine
     * polynomial (j in {0, 4, 8}), {@code mantissa} = flip the sine (j & 4: j in {4, 6}), {@code exponent} =
     * flip the cosine ((~(j - 2) & 4) != 0: j in {2, 4}). Small loops, for the same reason as {@link #frexp}.
     */
    private void octants(int pairs) {
        for (int p = 0; p < pairs; p++) {
            float theta = TorchMath.TWO_PI_FLOAT * u2[p];
            float y = theta * FOPI;
            reduced[p] = theta;
            u1[p] = atLeast(y, 1.0f);
            mantissa[p] = atLeast(y, 3.0f);
        }
        // The steps y >= 5 and y >= 7 go to sin and cos, free until sinCos.
        for (int p = 0; p < pairs; p++) {
            float y = reduced[p] * FOPI;
            sin[p] = atLeast(y, 5.0f);
            cos[p] = atLeast(y, 7.0f);
        }
        for (int p = 0; p < pairs; p++) {
            octant[p] = 2.0f * (((u1[p] + mantissa[p]) + sin[p]) + cos[p]);
        }
        for (int p = 0; p < pairs; p++) {
            float a = u1[p];
            float b = mantissa[p];
            float c = sin[p];
            float d = cos[p];
            u1[p] = (((1.0f - a) + b) - c) + d;
            mantissa[p] = b - d;
            exponent[p] = a - c;
        }
        for (int p = 0; p < pairs; p++) {
            float x = reduced[p];
            float j = octant[p];
            x = Math.fma(j, MINUS_DP1, x);
            x = Math.fma(j, MINUS_DP2, x);
            x = Math.fma(j, MINUS_DP3, x);
            reduced[p] = x;
        }
    }

    private void sinCos(int pairs) {
        for (int p = 0; p < pairs; p++) {
            float x = reduced[p];
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
            cos[p] = c;
            sin[p] = s;
        }
        for (int p = 0; p < pairs; p++) {
            float c = cos[p];
            float s = sin[p];
            float sinPolynomial = u1[p];
            // The kernel's blend: sinFromS = s & mask, sinFromC = c & ~mask. c is in [0.7, 1], never 0, so
            // c * 0 is +0 as the mask gives; s * 0 may be -0 where the kernel has +0, but it is only added
            // to c (non-zero) or subtracted from s (s - s * 0 is s, and s - (+-0) differs only for s = -0,
            // where the result is then added to +0 and gives +0 either way).
            float sinFromS = s * sinPolynomial;
            float sinFromC = c * (1.0f - sinPolynomial);
            // The blended sine and cosine go to reduced and octant, which are consumed by now.
            reduced[p] = sinFromC + sinFromS;
            octant[p] = (c - sinFromC) + (s - sinFromS);
        }
        for (int p = 0; p < pairs; p++) {
            // Sign flips by XOR of the sign bit are multiplications by -1: exact, zeros included.
            sin[p] = reduced[p] * (1.0f - 2.0f * mantissa[p]);
            cos[p] = octant[p] * (1.0f - 2.0f * exponent[p]);
        }
    }
}
