package org.nninit;

import java.util.Locale;

/**
 * Which fan Kaiming initialization divides by, as PyTorch's {@code mode} argument.
 *
 * <p>{@code FAN_IN} keeps the variance of activations in the forward pass; {@code FAN_OUT} keeps the
 * variance of gradients in the backward pass.
 *
 * <pre>{@code
 * Init.kaimingNormal(w, 0, FanMode.fromTorchName("fan_out"), Nonlinearity.RELU, null);
 * }</pre>
 */
public enum FanMode {
    FAN_IN("fan_in"),
    FAN_OUT("fan_out");

    private final String torchName;

    FanMode(String torchName) {
        this.torchName = torchName;
    }

    /** The name PyTorch uses for this mode, e.g. {@code "fan_in"}. */
    public String torchName() {
        return torchName;
    }

    /** Picks the fan of {@code fans} this mode names. */
    public long select(Fans fans) {
        return this == FAN_IN ? fans.fanIn() : fans.fanOut();
    }

    /**
     * The mode for a PyTorch name. Like PyTorch, the name is matched case-insensitively.
     *
     * @throws IllegalArgumentException naming the mode when it is neither {@code fan_in} nor {@code fan_out}
     */
    public static FanMode fromTorchName(String mode) {
        if (mode != null) {
            String lower = mode.toLowerCase(Locale.ROOT);
            for (FanMode candidate : values()) {
                if (candidate.torchName.equals(lower)) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("mode " + mode + " not supported, please use one of [fan_in, fan_out]");
    }
}
