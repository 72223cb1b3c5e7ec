package org.nninit;

/**
 * The nonlinearities PyTorch's {@code calculate_gain} knows, each with the gain that keeps activation
 * variance steady through it.
 *
 * <table>
 *   <caption>Gains (PyTorch's table)</caption>
 *   <tr><th>nonlinearity</th><th>gain</th></tr>
 *   <tr><td>linear, conv1d..3d, conv_transpose1d..3d, sigmoid</td><td>1</td></tr>
 *   <tr><td>tanh</td><td>5/3</td></tr>
 *   <tr><td>relu</td><td>sqrt(2)</td></tr>
 *   <tr><td>leaky_relu</td><td>sqrt(2 / (1 + negative_slope^2)), negative_slope defaults to 0.01</td></tr>
 *   <tr><td>selu</td><td>3/4</td></tr>
 * </table>
 *
 * <pre>{@code
 * double g = Nonlinearity.fromTorchName("leaky_relu").gain(0.2);   // calculate_gain('leaky_relu', 0.2)
 * }</pre>
 */
public enum Nonlinearity {
    LINEAR("linear"),
    CONV1D("conv1d"),
    CONV2D("conv2d"),
    CONV3D("conv3d"),
    CONV_TRANSPOSE1D("conv_transpose1d"),
    CONV_TRANSPOSE2D("conv_transpose2d"),
    CONV_TRANSPOSE3D("conv_transpose3d"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    RELU("relu"),
    LEAKY_RELU("leaky_relu"),
    SELU("selu");

    /** PyTorch's default negative slope for {@code leaky_relu} when no parameter is given. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    private final String torchName;

    Nonlinearity(String torchName) {
        this.torchName = torchName;
    }

    /** The {@code nn.functional} name PyTorch uses, e.g. {@code "leaky_relu"}. */
    public String torchName() {
        return torchName;
    }

    /**
     * The recommended gain, as {@code torch.nn.init.calculate_gain(name, param)}.
     *
     * @param param the negative slope for {@link #LEAKY_RELU} ({@code null}: 0.01); ignored by the others,
     *              as in PyTorch
     * @throws IllegalArgumentException when {@code param} of {@code LEAKY_RELU} is NaN or infinite
     */
    public double gain(Double param) {
        switch (this) {
            case TANH:
                return 5.0 / 3;
            case RELU:
                return Math.sqrt(2.0);
            case LEAKY_RELU: {
                double negativeSlope = param == null ? DEFAULT_NEGATIVE_SLOPE : param;
                if (!Double.isFinite(negativeSlope)) {
                    // PyTorch rejects anything that is not an int or float; a Java Double can only be bad this way.
                    throw new IllegalArgumentException("negative_slope " + param + " not a valid number");
                }
                return Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            }
            case SELU:
                return 3.0 / 4;
            default:
                return 1.0;
        }
    }

    /** {@link #gain(Double)} with PyTorch's default parameter. */
    public double gain() {
        return gain(null);
    }

    /**
     * The nonlinearity for PyTorch's name (exact, lower case, as PyTorch compares it).
     *
     * @throws IllegalArgumentException naming the nonlinearity when PyTorch does not know it
     */
    public static Nonlinearity fromTorchName(String name) {
        for (Nonlinearity candidate : values()) {
            if (candidate.torchName.equals(name)) {
                return candidate;
            }
        }
        // PyTorch's message first (tests and users grep for it), then what would have been accepted.
        StringBuilder valid = new StringBuilder();
        for (Nonlinearity candidate : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append('"').append(candidate.torchName).append('"');
        }
        String hint = "";
        if (name != null) {
            for (Nonlinearity candidate : values()) {
                if (candidate.torchName.equalsIgnoreCase(name)) {
                    hint = " (names are lower case: did you mean \"" + candidate.torchName + "\"?)";
                }
            }
        }
        throw new IllegalArgumentException("Unsupported nonlinearity " + name + hint + "; nonlinearity must be one of "
                + valid);
    }
}
