package org.nninit.dl4j;

import java.util.regex.Pattern;
import java.util.function.Predicate;

/**
 * Ready-made module selections for {@link NnInit#apply(org.deeplearning4j.nn.multilayer.MultiLayerNetwork,
 * Predicate, java.util.function.Consumer)}; combine them with {@code and}, {@code or}, {@code negate}.
 *
 * <pre>{@code
 * NnInit.apply(net, Select.type(ConvolutionLayer.class).and(Select.trainable()),
 *         m -> Init.kaimingNormal(m.weight(), 0, FanMode.FAN_OUT, Nonlinearity.RELU, null));
 * NnInit.apply(graph, Select.name("decoder_.*").and(Select.has("bias")), m -> Init.zeros(m.bias()));
 * }</pre>
 */
public final class Select {

    private Select() {
    }

    /** Layers that are an instance of any of {@code types} (configuration classes, frozen wrappers or runtime classes). */
    public static Predicate<Module> type(Class<?>... types) {
        if (types == null || types.length == 0) {
            throw new IllegalArgumentException("types must name at least one class");
        }
        Class<?>[] copy = types.clone();
        return m -> {
            for (Class<?> type : copy) {
                if (m.is(type)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Layers whose name matches {@code regex} in full.
     *
     * @throws IllegalArgumentException when the regex does not compile
     */
    public static Predicate<Module> name(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("regex " + regex + " is not a valid pattern: " + e.getMessage(), e);
        }
        return m -> pattern.matcher(m.name()).matches();
    }

    /** Layers that have a parameter called {@code name} (PyTorch name or DL4J key). */
    public static Predicate<Module> has(String name) {
        return m -> m.has(name);
    }

    /** Layers not wrapped in {@code FrozenLayer}/{@code FrozenLayerWithBackprop}. */
    public static Predicate<Module> trainable() {
        return m -> !m.frozen();
    }
}
