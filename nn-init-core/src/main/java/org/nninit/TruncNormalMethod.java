package org.nninit;

/**
 * How {@code truncNormal} samples, following the two algorithms PyTorch has shipped.
 *
 * <pre>{@code
 * Init.truncNormal(w, 0, 0.02, -0.04, 0.04, TruncNormalMethod.INVERSE_CDF, null);  // as PyTorch 2.11
 * }</pre>
 */
public enum TruncNormalMethod {
    /**
     * PyTorch up to 2.11, value for value: uniform on {@code [2*cdf(a')-1, 2*cdf(b')-1]}, {@code erfinv_},
     * {@code mul_(std*sqrt(2))}, {@code add_(mean)}, {@code clamp_(a, b)} ({@code a' = (a-mean)/std}), each
     * evaluated in the tensor's type as PyTorch's CPU kernels evaluate it (float erfinv with fused Horner steps
     * on AVX2, glibc's {@code erff}). With a {@link org.nninit.random.TorchGenerator}, FLOAT, BFLOAT16 and HALF
     * results are PyTorch's bits (verified against 1.13.1 and 2.10.0; PyTorch 1.13 has no HALF erfinv at all);
     * DOUBLE within a few ulps.
     *
     * <p>It inherits PyTorch's float round-off: for a small {@code std} the float {@code erfinv} loses
     * precision near the ends and values pile up on the bounds (PyTorch issue 145498). Use
     * {@link #PRECISE_INVERSE_CDF} for the same draws without that.
     */
    INVERSE_CDF,

    /**
     * Not PyTorch's, on purpose: one uniform draw {@code u} per element mapped through the exact quantile of the
     * truncated normal, computed in double precision (through the survival function in the tails) and rounded
     * once. No pile-up on the bounds for a small {@code std}, and correct far in the tails (e.g. [39σ, 40σ],
     * or [8σ, 9σ] in FLOAT), where PyTorch's float inverse CDF collapses onto one bound. For users after the
     * distribution rather than PyTorch's exact values.
     */
    PRECISE_INVERSE_CDF,

    /**
     * PyTorch 2.12 and later, implemented from a reading of its source (no 2.12 binary was available to check
     * values against): with {@code p} the normal's mass in [a, b], {@code p > 0.3} draws {@code normal_} on the
     * whole tensor and replaces out-of-range values from whole new tensors of normals until none is left;
     * otherwise whole tensors of uniform proposals on [a, b] and of acceptance uniforms, accepted against the
     * density relative to its peak. Exact in distribution for any bounds, tails included. See
     * {@code TruncatedNormal.rejection} for what could not be confirmed.
     */
    REJECTION;

    /** The method of the current PyTorch release, used when none is given. */
    public static final TruncNormalMethod DEFAULT = REJECTION;
}
