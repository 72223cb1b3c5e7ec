package org.nninit.dl4j.recipes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nninit.dl4j.TorchModule;

/**
 * What one layer got from a policy ({@link ByActivation}, {@link Fixup}, {@link DepthScaled}, {@link MupReadout},
 * {@link LotteryTicket}): the rule, in PyTorch's words, and the standard deviation each written parameter was
 * drawn with.
 *
 * <pre>{@code
 * PolicyReport report = ByActivation.apply(net, null);
 * LayerInit first = report.layers().get(0);
 * System.out.println(first.rule() + " gain=" + first.gain() + " std=" + first.std().get("weight"));
 * }</pre>
 *
 * @param name       the layer's name ({@link TorchModule#name()}: DL4J's layer name or the vertex name)
 * @param layer      the DL4J configuration class, e.g. {@code DenseLayer}
 * @param activation the layer's DL4J activation ({@code IActivation.toString()}), or {@code "-"} where it has none
 * @param rule       what was done, e.g. {@code kaiming_normal_(a=0, mode='fan_in', nonlinearity='relu')}, or
 *                   {@code "unchanged"}
 * @param gain       the gain the rule used; {@code NaN} where none applies
 * @param fan        the fan the rule used: {@code "fan_in"}, {@code "fan_out"}, {@code "fan_in+fan_out"} (xavier),
 *                   or {@code "-"}
 * @param std        for each parameter written (PyTorch name), the standard deviation of the distribution it was
 *                   drawn from (0 for a constant; for {@code trunc_normal_}, its {@code std} argument, the std
 *                   before truncation); empty when the layer was left unchanged
 */
public record LayerInit(String name, String layer, String activation, String rule, double gain, String fan,
                        Map<String, Double> std) {

    /** Copies {@code std} into an unmodifiable map that keeps its order. */
    public LayerInit {
        std = Collections.unmodifiableMap(new LinkedHashMap<>(std));
    }

    /** A layer the policy left as it was. */
    static LayerInit unchanged(TorchModule m) {
        return new LayerInit(m.name(), m.layer().getClass().getSimpleName(), PolicySupport.activationName(m),
                "unchanged", Double.NaN, "-", Map.of());
    }

    /** Whether the policy wrote any parameter of this layer. */
    public boolean changed() {
        return !std.isEmpty();
    }

    @Override
    public String toString() {
        return String.format("%-14s %-22s %-22s %s%s%s %s", name, layer, activation, rule,
                Double.isNaN(gain) ? "" : String.format(" gain=%.6g", gain), "-".equals(fan) ? "" : " " + fan,
                std.isEmpty() ? "" : std.toString());
    }
}
