package org.nninit.random;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nninit.TruncNormalMethod;

/**
 * A PyTorch release, for the few places where {@link TorchGenerator}'s numbers depend on it. Any
 * {@code "major.minor"} string (patch and suffix ignored, so {@code torch.__version__} works as it is) maps
 * to the behaviour of that release:
 * <table>
 *   <caption>What changes between releases</caption>
 *   <tr><th>behaviour</th><th>1.13</th><th>2.0 – 2.11</th><th>2.12 and later</th></tr>
 *   <tr><td>per-element double normal (fewer than 16 elements, or not contiguous)</td>
 *       <td>{@code log(1 - u2)}</td><td>{@code log1p(-u2)}</td><td>{@code log1p(-u2)}</td></tr>
 *   <tr><td>float16 normal, 16 or more elements</td><td>float intermediates</td>
 *       <td>each step rounded to half</td><td>float Box–Muller per 16-block, then cast</td></tr>
 *   <tr><td>{@code trunc_normal_}</td><td colspan="2">{@link TruncNormalMethod#INVERSE_CDF}</td>
 *       <td>{@link TruncNormalMethod#REJECTION}</td></tr>
 * </table>
 * Verified against real binaries: 1.13.1 (Debian's Python build) and 2.10.0 (libtorch from Maven Central),
 * see {@code tools/torch-reference}. Releases between them are assumed to behave as 2.10; 2.12's behaviour is
 * implemented from PyTorch's source only (no 2.12 binary was available).
 *
 * <pre>{@code
 * TorchGenerator gen = new TorchGenerator(0, TorchVersion.of(torchVersionString), CpuCapability.AVX2);
 * }</pre>
 *
 * @param major the major release number
 * @param minor the minor release number
 */
public record TorchVersion(int major, int minor) implements Comparable<TorchVersion> {

    /** PyTorch 1.13 (verified against Debian's 1.13.1). */
    public static final TorchVersion V1_13 = new TorchVersion(1, 13);
    /** PyTorch 2.10 (verified against libtorch 2.10.0). */
    public static final TorchVersion V2_10 = new TorchVersion(2, 10);
    /** PyTorch 2.12 (implemented from source: no binary to verify against). */
    public static final TorchVersion V2_12 = new TorchVersion(2, 12);
    /** The newest release verified against a real binary. */
    public static final TorchVersion DEFAULT = V2_10;

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)([.+a-z].*)?");
    private static final String SUPPORTED = "1.13 and every 2.x (e.g. \"1.13\", \"2.10\", \"2.12\", \"2.10.0+cpu\")";

    /**
     * Checks the release is one whose behaviour is known.
     *
     * @throws IllegalArgumentException for releases before 1.13 or from 3.0 on
     */
    public TorchVersion {
        if (!(major == 1 && minor == 13) && !(major == 2 && minor >= 0)) {
            throw new IllegalArgumentException("version must be a supported PyTorch release, " + SUPPORTED
                    + ", but found " + major + "." + minor);
        }
    }

    /**
     * The release a version string names: {@code "2.10"}, {@code "2.10.0"}, {@code "1.13.0a0"}, {@code "2.5.1+cpu"}.
     *
     * @throws IllegalArgumentException for a string of another form, or an unsupported release
     */
    public static TorchVersion of(String version) {
        Matcher m = version == null ? null : FORM.matcher(version.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("version must be \"major.minor\" of a supported PyTorch release, "
                    + SUPPORTED + ", but found version=" + (version == null ? "null" : "\"" + version + "\""));
        }
        return new TorchVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether this release is {@code other} or later. */
    public boolean atLeast(TorchVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(TorchVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    /** The algorithm of this release's {@code nn.init.trunc_normal_}. */
    public TruncNormalMethod truncNormalMethod() {
        return atLeast(V2_12) ? TruncNormalMethod.REJECTION : TruncNormalMethod.INVERSE_CDF;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
