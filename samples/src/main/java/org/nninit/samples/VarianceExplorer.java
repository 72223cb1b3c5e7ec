package org.nninit.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nninit.dl4j.report.Health;
import org.nninit.random.Generator;

/**
 * Why initialization matters, in numbers: pushes a batch of N(0, 1) inputs through deep plain MLPs
 * (ReLU and tanh, depth 8 and 50) initialized with He, Xavier, PyTorch's default and N(0, 0.01), and prints
 * each layer's pre-/post-activation mean and std, dead units and health, with a PNG of std against depth.
 *
 * <p>What He et al. (2015) predict for ReLU: with He's init the activations' second moment stays constant
 * with depth; Xavier's halves it at every layer (std x 1/sqrt(2)); N(0, 0.01) multiplies the std by
 * 0.01 * sqrt(width / 2) per layer and the signal is gone long before layer 50.
 *
 * <p>The forward pass is plain ND4J matrix algebra in double precision ({@code h = act(x W^T + b)}), not a
 * DL4J network: the point is the arithmetic, and double keeps the collapsed values (1e-40 and below)
 * visible instead of flushing them to 0. The weights are drawn with {@code org.nninit.Init} exactly as in
 * a DL4J layer.
 *
 * <pre>
 * mvn -pl samples exec:java -Dexec.mainClass=org.nninit.samples.VarianceExplorer -Dexec.args="--width=512"
 * </pre>
 */
public final class VarianceExplorer {

    /** The nonlinearities explored. */
    public enum Act {
        RELU, TANH;

        INDArray apply(INDArray x) {
            return this == RELU ? Transforms.relu(x, true) : Transforms.tanh(x, true);
        }
    }

    /**
     * @param width    units per layer (the input has the same width)
     * @param batch    examples in the batch
     * @param depths   network depths to explore
     * @param acts     nonlinearities
     * @param schemes  initializations
     * @param seed     ND4J seed
     * @param outDir   folder for the PNGs, null for none
     * @param print    whether to print the tables
     */
    public record Config(int width, int batch, List<Integer> depths, List<Act> acts, List<Scheme> schemes,
                         long seed, Path outDir, boolean print) {
        public Config {
            Cli.atLeast("width", width, 1);
            Cli.atLeast("batch", batch, 2);
            depths = List.copyOf(depths);
            depths.forEach(d -> Cli.atLeast("depth", d, 1));
            acts = List.copyOf(acts);
            schemes = List.copyOf(schemes);
        }

        /** The sample's defaults: width 256, batch 512, depths 8 and 50, both nonlinearities, all schemes. */
        public static Config defaults(Path outDir) {
            return new Config(256, 512, List.of(8, 50), List.of(Act.RELU, Act.TANH), List.of(Scheme.values()),
                    42, outDir, true);
        }
    }

    /** One network: its nonlinearity, depth, init and per-layer moments. */
    public record Run(Act act, int depth, Scheme scheme, List<LayerMoments> layers) {
        public Run {
            layers = List.copyOf(layers);
        }

        /** The last layer's moments. */
        public LayerMoments last() {
            return layers.get(layers.size() - 1);
        }
    }

    /** Every run, and the plots written. */
    public record Result(List<Run> runs, List<Path> plots) {
        public Result {
            runs = List.copyOf(runs);
            plots = List.copyOf(plots);
        }

        /** The run for this combination. */
        public Run run(Act act, int depth, Scheme scheme) {
            return runs.stream().filter(r -> r.act() == act && r.depth() == depth && r.scheme() == scheme)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "no run for act=" + act + ", depth=" + depth + ", scheme=" + scheme));
        }
    }

    private static final String USAGE = """
            VarianceExplorer: activation statistics of deep MLPs under four initializations.
              --width=N   units per layer (default 256)
              --batch=N   examples (default 512)
              --seed=N    ND4J seed (default 42)
              --out=DIR   folder for the PNG plots (default samples/target/nn-init-showcase)
              --help      this text""";

    private VarianceExplorer() {
    }

    public static void main(String[] args) {
        Cli cli = Cli.parse(args, USAGE);
        if (cli == null) {
            return;
        }
        Config d = Config.defaults(cli.pathOr("out", Showcase.defaultOutDir()));
        run(new Config(cli.intOr("width", d.width()), cli.intOr("batch", d.batch()), d.depths(), d.acts(),
                d.schemes(), cli.longOr("seed", d.seed()), d.outDir(), true));
    }

    /** Runs every (nonlinearity, depth, scheme) combination of {@code config}. */
    public static Result run(Config config) {
        List<Run> runs = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        for (Act act : config.acts()) {
            for (int depth : config.depths()) {
                Map<String, double[]> series = new LinkedHashMap<>();
                for (Scheme scheme : config.schemes()) {
                    Run run = forward(config, act, depth, scheme);
                    runs.add(run);
                    series.put(scheme.label(), run.layers().stream().mapToDouble(LayerMoments::postStd).toArray());
                }
                if (config.print()) {
                    print(runs.subList(runs.size() - config.schemes().size(), runs.size()), act, depth);
                }
                if (config.outDir() != null) {
                    String name = "variance-" + act.name().toLowerCase(Locale.ROOT) + "-depth" + depth + ".png";
                    plots.add(Charts.lines(config.outDir().resolve(name),
                            String.format(Locale.ROOT, "%s MLP, width %d: post-activation std by layer",
                                    act, config.width()), "layer", "post-activation std", true, series));
                }
            }
        }
        if (config.print() && !plots.isEmpty()) {
            System.out.println("Plots: " + plots.get(0).toAbsolutePath().getParent());
        }
        return new Result(runs, plots);
    }

    /** One network, drawn fresh from the seed so every scheme sees the same input batch. */
    static Run forward(Config config, Act act, int depth, Scheme scheme) {
        Nd4j.getRandom().setSeed(config.seed());
        INDArray h = Nd4j.randn(DataType.DOUBLE, config.batch(), config.width());
        List<LayerMoments> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            INDArray w = Nd4j.create(DataType.DOUBLE, config.width(), config.width()); // torch [out, in]
            INDArray b = Nd4j.create(DataType.DOUBLE, config.width());
            scheme.apply(w, b, Generator.global());
            INDArray pre = h.mmul(w.transpose()).addiRowVector(b);
            double preMean = pre.meanNumber().doubleValue();
            double preStd = pre.stdNumber(false).doubleValue();
            h = act.apply(pre.dup());
            double postMean = h.meanNumber().doubleValue();
            double postStd = h.stdNumber(false).doubleValue();
            double second = h.mul(h).meanNumber().doubleValue();
            double dead = Transforms.abs(h, true).max(0).eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
            layers.add(new LayerMoments(l, preMean, preStd, postMean, postStd, second, dead,
                    Health.of(preStd, dead, Double.NaN)));
        }
        return new Run(act, depth, scheme, layers);
    }

    private static void print(List<Run> runs, Act act, int depth) {
        System.out.printf(Locale.ROOT, "%n== %s MLP, depth %d (input: N(0,1), std 1, second moment 1) ==%n",
                act, depth);
        String fmt = "%-16s %5s %11s %11s %11s %11s %11s %6s  %s%n";
        System.out.printf(Locale.ROOT, fmt, "init", "layer", "pre mean", "pre std", "post mean", "post std",
                "E[post^2]", "dead", "health");
        for (Run run : runs) {
            for (LayerMoments m : run.layers()) {
                if (depth > 10 && m.layer() != 1 && m.layer() % 10 != 0 && m.layer() != depth) {
                    continue; // deep nets: layers 1, 10, 20, ... keep the table readable
                }
                System.out.printf(Locale.ROOT, fmt, run.scheme().label(), m.layer(), g(m.preMean()), g(m.preStd()),
                        g(m.postMean()), g(m.postStd()), g(m.postSecondMoment()),
                        String.format(Locale.ROOT, "%.0f%%", 100 * m.deadFraction()), m.health());
            }
        }
        for (Run run : runs) {
            LayerMoments first = run.layers().get(0);
            double perLayer = Math.pow(run.last().preStd() / first.preStd(), 1.0 / Math.max(1, depth - 1));
            System.out.printf(Locale.ROOT, "  %-16s pre-activation std x%.3f per layer; layer %d: %s%n",
                    run.scheme().label(), perLayer, depth, run.last().health());
        }
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
