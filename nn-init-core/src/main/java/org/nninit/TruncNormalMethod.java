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
     * PyTorch up to 2.11: uniform on {@code [2*cdf(a')-1, 2*cdf(b')-1]}, {@code erfinv}, scale by
     * {@code std*sqrt(2)}, shift by {@code mean}, clamp to {@code [a, b]} ({@code a' = (a-mean)/std}).
     * One uniform draw per element. nn-init evaluates {@code erfinv} in double precision, so small {@code std}
     * does not pile values on the bounds as PyTorch's float {@code erfinv} did; only an exact draw of the
     * lower end of the uniform range (probability 2^-24 in float) lands on {@code a}.
     *
     * <p>With a {@link org.nninit.random.TorchGenerator} the uniform draws are PyTorch's, bit for bit (one
     * 32-bit draw per float element, in PyTorch's visiting order); the transform then differs from PyTorch's
     * float {@code erfinv_}/{@code mul_}/{@code add_} chain only by float rounding (about an ulp) — except
     * where PyTorch's float {@code erfinv} overflowed to the bounds, which is the trade-off kept on purpose.
     */
    INVERSE_CDF,

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
