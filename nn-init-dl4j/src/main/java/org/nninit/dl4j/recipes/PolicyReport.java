package org.nninit.dl4j.recipes;

import java.util.List;

/**
 * Which rule each layer got from a policy, one {@link LayerInit} per layer in the walker's order (PyTorch's
 * module order, see {@link org.nninit.dl4j.NnInit}); {@link #toString()} prints it as a table.
 *
 * <pre>{@code
 * System.out.println(ByActivation.apply(net, null));   // one line per layer
 * }</pre>
 *
 * @param policy the policy's name, e.g. {@code "by-activation"}
 * @param layers one entry per layer, in module order
 */
public record PolicyReport(String policy, List<LayerInit> layers) {

    /** Copies {@code layers}. */
    public PolicyReport {
        layers = List.copyOf(layers);
    }

    /**
     * The entry of the layer called {@code name}.
     *
     * @throws IllegalArgumentException when no layer has that name
     */
    public LayerInit get(String name) {
        for (LayerInit layer : layers) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("name=" + name + " is not a layer of this report; layers: "
                + layers.stream().map(LayerInit::name).toList());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(policy).append(" (").append(layers.size()).append(" layers)\n");
        for (LayerInit layer : layers) {
            out.append("  ").append(layer).append('\n');
        }
        return out.toString();
    }
}
