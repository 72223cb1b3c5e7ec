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
     * Not PyTorch's arithmetic, on purpose: the same one uniform draw per element as {@link #INVERSE_CDF},
     * mapped through a double-precision {@code erfinv} and rounded once, so a small {@code std} never piles
     * values on the bounds; only an exact draw of the lower end of the uniform range (probability 2^-24 in
     * float) lands on {@code a}.
     */
    PRECISE_INVERSE_CDF,

    /**
     * PyTorch 2.12 and later: normal draws, and every value outside {@code [a, b]} drawn again until it
     * lies inside. Exact in distribution for any bounds; after {@value Init#MAX_REJECTION_ROUNDS} rounds
     * (only reachable when {@code [a, b]} holds almost none of the normal's mass) the remaining elements are
     * sampled by the inverse CDF in double precision.
     *
     * <p>The exact PyTorch 2.12 source (pull request 174997, "trunc_normal_ low precision fix": uniform
     * replaced by normal draws plus resampling) was not available to us, so with a
     * {@link org.nninit.random.TorchGenerator} this method draws {@code normal_} on the whole tensor, then
     * {@code normal_} on a fresh 1-D tensor of the rejected elements (in row-major order) per round. Its
     * parity with PyTorch 2.12 is in distribution only, not value for value.
     */
    REJECTION;

    /** The method of the current PyTorch release, used when none is given. */
    public static final TruncNormalMethod DEFAULT = REJECTION;
}
