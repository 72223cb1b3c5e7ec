package org.nninit.random;

import org.nninit.internal.GlibcFloat;
import org.nninit.internal.SystemLibm;
import org.nninit.internal.ReducedFloat;
/**
 * PyTorch's Box–Muller transforms other than the AVX2 float block ({@link BoxMullerKernel}), as compiled for
 * one release and CPU kind: the scalar {@code normal_fill_16} for DOUBLE, HALF, BFLOAT16 (and FLOAT without
 * AVX2), and {@code at::normal_distribution<double>} for the per-element path.
 *
 * <p>Why these choices:
 * <ul>
 *   <li><b>Fused multiply-adds.</b> PyTorch's AVX2 kernels are compiled with FMA, and GCC contracts
 *       {@code sample * std + mean} into one fused operation (measured); the portable kernels
 *       ({@link CpuCapability#DEFAULT}) round the product first.</li>
 *   <li><b>{@code log}, {@code sin}, {@code cos}.</b> PyTorch calls glibc's, which are not correctly rounded
 *       in about 0.1% of cases (measured against 120-bit results), so no Java function gives its bits; the
 *       double kernels hand whole batches to the C library through {@link SystemLibm}. The float functions
 *       ({@code logf}, {@code sinf}, {@code cosf}) are glibc's own algorithms ({@link GlibcFloat}), exact on
 *       every input these kernels can pass.</li>
 *   <li><b>Half and bfloat16.</b> In 1.13 only bfloat16 had its own math functions ({@code std::log} of a
 *       bfloat16 returns a bfloat16), so a half block keeps float intermediates between the named variables
 *       of the kernel; from 2.0 both types round the result of each call and each operation.</li>
 *   <li><b>Per-element double normal.</b> {@code sqrt(-2 log(1 - u2))} in 1.13, {@code sqrt(-2 log1p(-u2))}
 *       from 2.0 (measured on 2.10).</li>
 * </ul>
 */
record NormalKernels(TorchVersion version, CpuCapability cpu) {

    private static final double TWO_PI = 2.0 * Math.PI;
    /** From 2.0 on: log1p in the double kernel, reduced types rounded at each step. */
    private static final TorchVersion V2_0 = new TorchVersion(2, 0);

    private boolean fused() {
        return cpu.fusesMultiplyAdd();
    }

    private double scaled(double sample, double std, double mean) {
        return fused() ? Math.fma(sample, std, mean) : sample * std + mean;
    }

    private float scaled(float sample, float std, float mean) {
        return fused() ? Math.fma(sample, std, mean) : sample * std + mean;
    }

    /**
     * {@code normal_fill_16<double>} on each block of 16 in {@code d[0..count)} ({@code count} a multiple of 16),
     * with the C library's log, sin and cos applied to the whole batch at once ({@link SystemLibm}).
     */
    void doubleBlocks(double[] d, int count, double mean, double std) {
        int pairs = count / 2;
        double[] log = new double[pairs];
        double[] cos = new double[pairs];
        double[] sin = new double[pairs];
        for (int b = 0, p = 0; b < count; b += 16) {
            for (int j = 0; j < 8; j++, p++) {
                log[p] = 1.0 - d[b + j];
                cos[p] = TWO_PI * d[b + j + 8];
            }
        }
        SystemLibm.log(log, pairs);
        System.arraycopy(cos, 0, sin, 0, pairs);
        SystemLibm.cos(cos, pairs);
        SystemLibm.sin(sin, pairs);
        for (int b = 0, p = 0; b < count; b += 16) {
            for (int j = 0; j < 8; j++, p++) {
                double radius = Math.sqrt(-2.0 * log[p]);
                d[b + j] = scaled(radius * cos[p], std, mean);
                d[b + j + 8] = scaled(radius * sin[p], std, mean);
            }
        }
    }

    /** {@code normal_fill_16<float>} of the portable kernels (no AVX2): glibc's float functions. */
    void floatBlock(float[] d, int at, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[at + j];
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt(-2.0f * GlibcFloat.logf(u1));
            // 2.0f * c10::pi<double> * u2 is a double product, then stored as float.
            float theta = (float) (TWO_PI * u2);
            d[at + j] = scaled(radius * GlibcFloat.cosf(theta), std, mean);
            d[at + j + 8] = scaled(radius * GlibcFloat.sinf(theta), std, mean);
        }
    }

    /** {@code normal_fill_16<Half/BFloat16>}, values in float, rounded as the release rounds them. */
    void reducedBlock(float[] d, int at, float mean, float std, boolean bfloat16) {
        boolean eachStep = bfloat16 || version.atLeast(V2_0);
        for (int j = 0; j < 8; j++) {
            float u1 = ReducedFloat.round(1.0f - d[at + j], bfloat16);
            float u2 = d[at + j + 8];
            float theta = ReducedFloat.round((float) (TWO_PI * u2), bfloat16);
            if (eachStep) {
                float log = ReducedFloat.round(GlibcFloat.logf(u1), bfloat16);
                float radius = ReducedFloat.round((float) Math.sqrt(-2.0f * log), bfloat16);
                float cos = ReducedFloat.round(GlibcFloat.cosf(theta), bfloat16);
                float sin = ReducedFloat.round(GlibcFloat.sinf(theta), bfloat16);
                d[at + j] = reducedAffine(ReducedFloat.round(radius * cos, bfloat16), std, mean, bfloat16);
                d[at + j + 8] = reducedAffine(ReducedFloat.round(radius * sin, bfloat16), std, mean, bfloat16);
            } else {
                // 1.13 half: radius and theta are stored as half; the rest of the expression stays in float.
                float radius = ReducedFloat.round((float) Math.sqrt(-2.0f * GlibcFloat.logf(u1)), false);
                d[at + j] = scaled(radius * GlibcFloat.cosf(theta), std, mean);
                d[at + j + 8] = scaled(radius * GlibcFloat.sinf(theta), std, mean);
            }
        }
    }

    private static float reducedAffine(float sample, float std, float mean, boolean bfloat16) {
        return ReducedFloat.round(ReducedFloat.round(sample * std, bfloat16) + mean, bfloat16);
    }

    /**
     * {@code pairs} pairs of {@code at::normal_distribution<double>}, in place: {@code s[2p], s[2p+1]} hold the
     * pair's uniforms {@code u1, u2} and become {@code r cos(theta), r sin(theta)} (the second is what the
     * generator caches), {@code r = sqrt(-2 log(1 - u2))}, {@code theta = 2 pi u1}.
     */
    void pairs(double[] s, int pairs) {
        boolean log1p = version.atLeast(V2_0);
        double[] log = new double[pairs];
        double[] cos = new double[pairs];
        double[] sin = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            log[p] = log1p ? -s[2 * p + 1] : 1.0 - s[2 * p + 1];
            cos[p] = TWO_PI * s[2 * p];
        }
        if (log1p) {
            SystemLibm.log1p(log, pairs);
        } else {
            SystemLibm.log(log, pairs);
        }
        System.arraycopy(cos, 0, sin, 0, pairs);
        SystemLibm.cos(cos, pairs);
        SystemLibm.sin(sin, pairs);
        for (int p = 0; p < pairs; p++) {
            double radius = Math.sqrt(-2.0 * log[p]);
            s[2 * p] = radius * cos[p];
            s[2 * p + 1] = radius * sin[p];
        }
    }

    /** {@code normal_distribution}'s {@code sample * std + mean}, as the kernel's compiler evaluates it. */
    double affine(double sample, double std, double mean) {
        return scaled(sample, std, mean);
    }
}
