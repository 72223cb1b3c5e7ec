package org.nninit.dl4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.Fans;
import org.nninit.dl4j.LayerKind;

/**
 * Tells whether a DL4J network is initialized well, layer by layer, on one batch of your data: each weight's
 * std against the std its init rule implies, pre- and post-activation mean/std, the fraction of dead units,
 * and each layer's gradient norm after one backward pass.
 *
 * <pre>{@code
 * InitReport report = InitReport.of(net, features, labels, ExpectedStd.HE);
 * System.out.println(report);                        // the table
 * report.writeCsv(Path.of("target/init-report.csv"));
 * report.writePlot(Path.of("target/init-report.png"));
 * if (!report.healthy()) { ... }                     // any layer COLLAPSED, EXPLODING, DEAD_UNITS, ...
 * }</pre>
 *
 * <p>Without a rule ({@link #of(MultiLayerNetwork, INDArray, INDArray)}) each layer is compared with the
 * {@linkplain ExpectedStd#KNOWN known rule} its weight std is closest to, shown as {@code ~He} etc.
 * The forward pass runs in inference mode (no dropout, batch norm with its running statistics); the backward
 * pass is {@code computeGradientAndScore()} in training mode and changes no parameter; gradient norms are
 * those of the mean loss over the batch ({@link #score()}), as {@code loss.backward()} gives them in PyTorch. The statistics are
 * computed in double precision; std is the population std (divide by n).
 */
public final class InitReport {

    private final String title;
    private final List<LayerStats> rows;
    private final double score;
    /** Whether labels were given, so that a NaN score is a NaN loss rather than no loss. */
    private final boolean labelled;

    private InitReport(String title, List<LayerStats> rows, double score, boolean labelled) {
        this.title = title;
        this.rows = List.copyOf(rows);
        this.score = score;
        this.labelled = labelled;
    }

    /** Report with the rule inferred per layer. {@code labels} may be null (no gradient columns). */
    public static InitReport of(MultiLayerNetwork net, INDArray features, INDArray labels) {
        return of(net, features, labels, conf -> null);
    }

    /** Report comparing every weight layer against {@code rule}. */
    public static InitReport of(MultiLayerNetwork net, INDArray features, INDArray labels, ExpectedStd rule) {
        requireNonNull("rule", rule);
        return of(net, features, labels, conf -> rule);
    }

    /**
     * Report with a rule per layer: {@code ruleFor} gets each layer's DL4J configuration (name, type) and
     * returns its rule, or null to infer it.
     *
     * @throws IllegalArgumentException when net, features or ruleFor is null
     */
    public static InitReport of(MultiLayerNetwork net, INDArray features, INDArray labels,
                                Function<org.deeplearning4j.nn.conf.layers.Layer, ExpectedStd> ruleFor) {
        requireNonNull("net", net);
        requireNonNull("features", features);
        requireNonNull("ruleFor", ruleFor);
        NetworkProbe.requireProbable(net, features);
        List<ProbedLayer> probed = NetworkProbe.probe(net, features);
        return build("MultiLayerNetwork", probed, net, labels == null ? null : () -> {
            net.setInput(features);
            net.setLabels(labels);
            net.computeGradientAndScore();
        }, ruleFor, features.size(0));
    }

    /** {@link #of(MultiLayerNetwork, INDArray, INDArray)} for a single-input, single-output graph. */
    public static InitReport of(ComputationGraph net, INDArray features, INDArray labels) {
        return of(net, features, labels, conf -> null);
    }

    /** {@link #of(MultiLayerNetwork, INDArray, INDArray, ExpectedStd)} for a graph. */
    public static InitReport of(ComputationGraph net, INDArray features, INDArray labels, ExpectedStd rule) {
        requireNonNull("rule", rule);
        return of(net, features, labels, conf -> rule);
    }

    /**
     * {@link #of(MultiLayerNetwork, INDArray, INDArray, Function)} for a single-input, single-output graph;
     * layers are reported in topological order.
     */
    public static InitReport of(ComputationGraph net, INDArray features, INDArray labels,
                                Function<org.deeplearning4j.nn.conf.layers.Layer, ExpectedStd> ruleFor) {
        requireNonNull("net", net);
        requireNonNull("features", features);
        requireNonNull("ruleFor", ruleFor);
        NetworkProbe.requireProbable(net, features);
        List<ProbedLayer> probed = NetworkProbe.probe(net, features);
        return build("ComputationGraph", probed, net, labels == null ? null : () -> {
            net.setInputs(features);
            net.setLabels(labels);
            net.computeGradientAndScore();
        }, ruleFor, features.size(0));
    }

    /**
     * @param backward sets input and labels and runs one backward pass on {@code net}; null without labels
     */
    private static InitReport build(String title, List<ProbedLayer> probed, org.deeplearning4j.nn.api.Model net,
                                    Runnable backward,
                                    Function<org.deeplearning4j.nn.conf.layers.Layer, ExpectedStd> ruleFor,
                                    long batch) {
        double score = Double.NaN;
        Map<String, INDArray> grads = Map.of();
        if (backward != null) {
            backward.run();
            score = net.score();
            grads = net.gradient().gradientForVariable();
        }
        List<LayerStats> rows = new ArrayList<>();
        for (ProbedLayer p : probed) {
            rows.add(row(p, grads, ruleFor.apply(p.conf()), batch));
        }
        return new InitReport(title, rows, score, backward != null);
    }

    private static LayerStats row(ProbedLayer p, Map<String, INDArray> grads, ExpectedStd rule, long batch) {
        Layer layer = p.layer();
        IActivation act = LayerMath.activation(p.conf());
        String key = LayerMath.weightKey(layer);
        long fanIn = 0;
        long fanOut = 0;
        double weightStd = Double.NaN;
        double expected = Double.NaN;
        String ruleName = "-";
        if (key != null) {
            INDArray w = layer.getParam(key);
            Fans fans = LayerMath.torchFans(p.conf(), w);
            fanIn = fans.fanIn();
            fanOut = fans.fanOut();
            weightStd = LayerMath.std(w);
            ExpectedStd chosen = rule != null ? rule : closest(weightStd, fanIn, fanOut);
            expected = chosen.std(fanIn, fanOut);
            ruleName = rule != null ? chosen.name() : "~" + chosen.name();
        }
        INDArray pre = LayerMath.preActivation(p);
        INDArray post = p.output();
        double preStd = LayerMath.std(pre);
        double dead = LayerMath.deadFraction(post);
        // DL4J's gradient is summed over the batch (its updater divides later); report the gradient of the
        // mean loss, the score, as PyTorch's loss.backward() would give it.
        double gradNorm = gradNorm(layer, p.gradKeyPrefix(), grads) / batch;
        boolean finite = LayerMath.allFinite(pre) && LayerMath.allFinite(post)
                && (key == null || LayerMath.allFinite(layer.getParam(key)));
        Health health = finite && zeroScaledBatchNorm(p) ? Health.ZERO_INIT
                : Health.of(finite, preStd, dead, weightStd / expected);
        return new LayerStats(p.index(), p.name(), p.conf().getClass().getSimpleName(),
                act == null ? "-" : act.toString(), key == null ? "-" : key, fanIn, fanOut, weightStd,
                ruleName, expected, LayerMath.mean(pre), preStd, LayerMath.mean(post), LayerMath.std(post),
                dead, gradNorm, health);
    }

    private static boolean zeroScaledBatchNorm(ProbedLayer p) {
        if (LayerKind.of(p.conf()) != LayerKind.BATCH_NORM
                || p.layer().paramTable() == null || !p.layer().paramTable().containsKey("gamma")) {
            return false;
        }
        INDArray gamma = p.layer().getParam("gamma");
        return gamma.length() > 0 && gamma.castTo(DataType.DOUBLE).amaxNumber().doubleValue() == 0;
    }

    /** The known rule nearest to the measured std on a log scale (a factor 2 too big = a factor 2 too small). */
    private static ExpectedStd closest(double weightStd, long fanIn, long fanOut) {
        ExpectedStd best = ExpectedStd.KNOWN.get(0);
        double bestDistance = Double.POSITIVE_INFINITY;
        for (ExpectedStd candidate : ExpectedStd.KNOWN) {
            double distance = Math.abs(Math.log(weightStd / candidate.std(fanIn, fanOut)));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private static double gradNorm(Layer layer, String prefix, Map<String, INDArray> grads) {
        if (grads.isEmpty() || layer.paramTable() == null || layer.paramTable().isEmpty()) {
            return Double.NaN;
        }
        double sumSq = 0;
        boolean any = false;
        for (String k : layer.paramTable().keySet()) {
            INDArray g = grads.get(prefix + k);
            if (g != null) {
                double n = g.castTo(DataType.DOUBLE).norm2Number().doubleValue();
                sumSq += n * n;
                any = true;
            }
        }
        return any ? Math.sqrt(sumSq) : Double.NaN;
    }

    private static void requireNonNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null, got null");
        }
    }

    /** One row per layer, in forward order. */
    public List<LayerStats> rows() {
        return rows;
    }

    /** The row of the layer named {@code name}. */
    public LayerStats row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("name: no layer named '" + name + "'"));
    }

    /** The loss on the batch (NaN without labels). */
    public double score() {
        return score;
    }

    /** True when every layer is {@link Health#OK} or deliberately zero-initialized ({@link Health#ZERO_INIT}). */
    public boolean healthy() {
        return rows.stream().allMatch(r -> r.health() == Health.OK || r.health() == Health.ZERO_INIT);
    }

    /** The report as CSV, header first. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(LayerStats.CSV_HEADER).append('\n');
        rows.forEach(r -> sb.append(r.toCsvRow()).append('\n'));
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to {@code file}, creating its folder. */
    public Path writeCsv(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return Files.writeString(file, toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * Writes a PNG of pre-/post-activation std and gradient norm per layer (log10 of each; zeros and NaNs are
     * left out). Renders headless.
     */
    public Path writePlot(Path png) {
        return InitReportPlot.write(this, title, png);
    }

    /** The readable table. */
    @Override
    public String toString() {
        String fmt = "%3s %-14s %-22s %-9s %6s %6s %9s %-17s %9s %9s %9s %9s %9s %6s %9s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "InitReport (%s, %d layers%s)%n", title, rows.size(),
                !labelled ? "" : Double.isFinite(score) ? String.format(Locale.ROOT, ", loss %.4f", score)
                        : ", loss " + score));
        sb.append(String.format(Locale.ROOT, fmt, "#", "layer", "type", "act", "fanIn", "fanOut", "W std",
                "rule", "expected", "pre mean", "pre std", "post mean", "post std", "dead", "|grad|",
                "health"));
        for (LayerStats r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.index(), cut(r.name(), 14), cut(r.type(), 22),
                    cut(r.activation(), 9), r.fanIn() == 0 ? "-" : r.fanIn(), r.fanOut() == 0 ? "-" : r.fanOut(),
                    g(r.weightStd()), cut(r.rule(), 17), g(r.expectedStd()), g(r.preMean()), g(r.preStd()),
                    g(r.postMean()), g(r.postStd()), pct(r.deadFraction()), g(r.gradNorm()), r.health()));
        }
        return sb.toString();
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
