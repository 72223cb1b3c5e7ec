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
    public static Predicate<TorchModule> type(Class<?>... types) {
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
     * PyTorch's {@code nn.Linear}: DL4J's {@code DenseLayer}, {@code OutputLayer} and {@code RnnOutputLayer} (a
     * Linear applied at every time step). A port that selects only {@code DenseLayer} would miss the output
     * layer, which is a Linear in the PyTorch model too.
     *
     * <pre>{@code
     * NnInit.apply(net, Select.linear(), m -> Init.xavierUniform(m.weight()));   // isinstance(m, nn.Linear)
     * }</pre>
     */
    public static Predicate<TorchModule> linear() {
        return type(org.deeplearning4j.nn.conf.layers.DenseLayer.class,
                org.deeplearning4j.nn.conf.layers.OutputLayer.class,
                org.deeplearning4j.nn.conf.layers.RnnOutputLayer.class);
    }

    /**
     * Layers whose name matches {@code regex} in full.
     *
     * @throws IllegalArgumentException when the regex does not compile
     */
    public static Predicate<TorchModule> name(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("regex " + regex + " is not a valid pattern: " + e.getMessage(), e);
        }
        return m -> pattern.matcher(m.name()).matches();
    }

    /** Layers that have a parameter called {@code name} (PyTorch name or DL4J key). */
    public static Predicate<TorchModule> has(String name) {
        return m -> m.has(name);
    }

    /** Layers not wrapped in {@code FrozenLayer}/{@code FrozenLayerWithBackprop}. */
    public static Predicate<TorchModule> trainable() {
        return m -> !m.frozen();
    }
}
