package org.nninit.dl4j.report;

import java.util.Locale;

/**
 * One row of an {@link InitReport}: a layer's weights, its signal on the batch, and its gradient.
 * Numbers that do not apply to the layer (no weight, no labels) are NaN.
 *
 * @param index        position in the network (MultiLayerNetwork index, or topological position in a graph)
 * @param name         layer name (graph vertex name)
 * @param type         the DL4J layer configuration's simple class name
 * @param activation   the layer's activation, "-" when it has none
 * @param weightKey    the parameter reported as the weight ("W", "Wq", ...), "-" when none
 * @param fanIn        PyTorch fan_in of that weight, 0 when none
 * @param fanOut       PyTorch fan_out of that weight, 0 when none
 * @param weightStd    measured std of the weight
 * @param rule         name of the init rule compared against ("~He" when inferred), "-" when none
 * @param expectedStd  std the rule implies for these fans
 * @param preMean      mean of the pre-activation (W·x + b) over batch and units
 * @param preStd       std of the pre-activation
 * @param postMean     mean of the layer's output
 * @param postStd      std of the layer's output
 * @param deadFraction fraction of units (features; channels for CNN and RNN outputs) that are 0 for every
 *                     example (and position) of the batch
 * @param gradNorm     L2 norm of the gradient of all the layer's parameters after one backward pass
 * @param health       the verdict
 */
public record LayerStats(int index, String name, String type, String activation, String weightKey,
                         long fanIn, long fanOut, double weightStd, String rule, double expectedStd,
                         double preMean, double preStd, double postMean, double postStd,
                         double deadFraction, double gradNorm, Health health) {

    /** Column names of {@link #toCsvRow()}. */
    public static final String CSV_HEADER = "index,name,type,activation,weightKey,fanIn,fanOut,weightStd,rule,"
            + "expectedStd,preMean,preStd,postMean,postStd,deadFraction,gradNorm,health";

    /** This row as CSV (names quoted when they hold a comma). */
    public String toCsvRow() {
        return String.join(",", String.valueOf(index), csv(name), csv(type), csv(activation), csv(weightKey),
                String.valueOf(fanIn), String.valueOf(fanOut), num(weightStd), csv(rule), num(expectedStd),
                num(preMean), num(preStd), num(postMean), num(postStd), num(deadFraction), num(gradNorm),
                health.name());
    }

    /** measured / expected weight std, NaN when either is missing. */
    public double weightRatio() {
        return weightStd / expectedStd;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
