package org.nninit.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.NnInit;
import org.nninit.random.Generator;

/**
 * He et al. (2015), figure 3, in half a minute: a 30-layer plain ReLU network (no batch norm, no residuals)
 * trained with SGD + momentum on a synthetic task. With He's init it learns; with Xavier's the signal reaching
 * the output is ~2^-15 of the input's and training stalls; with N(0, 0.01) nothing moves at all.
 *
 * <pre>
 * mvn -pl samples exec:java -Dexec.mainClass=org.nninit.samples.DeepReluTraining -Dexec.args="--depth=30"
 * </pre>
 */
public final class DeepReluTraining {

    /**
     * @param depth      hidden ReLU layers
     * @param width      units per hidden layer
     * @param examples   training examples
     * @param batch      minibatch size
     * @param epochs     passes over the data
     * @param learningRate SGD learning rate (momentum 0.9)
     * @param schemes    initializations to compare
     * @param seed       seed for data and weights
     * @param outDir     folder for the loss plot, null for none
     * @param print      whether to print progress
     */
    public record Config(int depth, int width, int examples, int batch, int epochs, double learningRate,
                         List<Scheme> schemes, long seed, Path outDir, boolean print) {
        public Config {
            Cli.atLeast("depth", depth, 1);
            Cli.atLeast("width", width, 1);
            Cli.atLeast("batch", batch, 1);
            Cli.atLeast("examples", examples, batch);
            Cli.atLeast("epochs", epochs, 1);
            schemes = List.copyOf(schemes);
        }

        public static Config defaults(Path outDir) {
            // 160 iterations of batch 256: about the fewest in which He's loss falls below half of chance
            return new Config(30, 32, 1024, 256, 40, 0.03,
                    List.of(Scheme.HE, Scheme.XAVIER, Scheme.NORMAL_001), 7, outDir, true);
        }
    }

    /**
     * How one initialization fared.
     *
     * @param losses    training loss after every iteration
     * @param accuracy  final accuracy on the training set
     * @param converged whether the final loss is below half the chance-level loss ln(classes)
     */
    public record Outcome(Scheme scheme, double[] losses, double accuracy, boolean converged) {
        public double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /** Every outcome, and the plot. */
    public record Result(List<Outcome> outcomes, Path plot) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        public Outcome outcome(Scheme scheme) {
            return outcomes.stream().filter(o -> o.scheme() == scheme).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("scheme: not run, got " + scheme));
        }
    }

    static final int CLASSES = 4;
    private static final int INPUTS = 16;

    private static final String USAGE = """
            DeepReluTraining: a deep plain ReLU net trained with He vs Xavier vs N(0, 0.01).
              --depth=N   hidden layers (default 30)
              --width=N   units per layer (default 32)
              --epochs=N  passes over 1024 examples (default 40)
              --seed=N    (default 7)
              --out=DIR   folder for the loss plot (default samples/target/nn-init-showcase)
              --help      this text""";

    private DeepReluTraining() {
    }

    public static void main(String[] args) {
        Cli cli = Cli.parse(args, USAGE);
        if (cli == null) {
            return;
        }
        // Every op here is tiny (width 32, batch 256): ND4J's worker threads only add synchronization, which on a
        // busy machine made the run ~10x slower (200 s vs 20 s on 2 shared cores).
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Config d = Config.defaults(cli.pathOr("out", Showcase.defaultOutDir()));
        run(new Config(cli.intOr("depth", d.depth()), cli.intOr("width", d.width()), d.examples(), d.batch(),
                cli.intOr("epochs", d.epochs()), d.learningRate(), d.schemes(), cli.longOr("seed", d.seed()),
                d.outDir(), true));
    }

    public static Result run(Config config) {
        DataSet data = SyntheticData.teacher(config.examples(), INPUTS, CLASSES, config.seed());
        List<DataSet> batches = data.batchBy(config.batch());
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (Scheme scheme : config.schemes()) {
            MultiLayerNetwork net = network(config);
            Nd4j.getRandom().setSeed(config.seed());
            NnInit.apply(net, m -> scheme.apply(m, Generator.global()));
            nets.add(net);
        }
        int iterations = config.epochs() * batches.size();
        double[][] losses = new double[nets.size()][iterations];
        if (config.print()) {
            System.out.printf(Locale.ROOT, "%n== %d-layer plain ReLU MLP (width %d), SGD+momentum lr %s, "
                    + "%d iterations; chance loss ln(%d) = %.3f ==%n", config.depth(), config.width(),
                    config.learningRate(), iterations, CLASSES, Math.log(CLASSES));
        }
        long start = System.nanoTime();
        int it = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (DataSet b : batches) {
                for (int k = 0; k < nets.size(); k++) {
                    nets.get(k).fit(b);
                    losses[k][it] = nets.get(k).score();
                }
                it++;
                if (config.print() && (it % Math.max(1, iterations / 8) == 0 || it == iterations)) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  iter %4d", it));
                    for (int k = 0; k < nets.size(); k++) {
                        line.append(String.format(Locale.ROOT, " | %s loss %.4f", config.schemes().get(k).label(),
                                losses[k][it - 1]));
                    }
                    System.out.println(line);
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int k = 0; k < nets.size(); k++) {
            Evaluation eval = nets.get(k).evaluate(new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(data));
            double[] l = losses[k];
            boolean converged = l[l.length - 1] < 0.5 * Math.log(CLASSES);
            outcomes.add(new Outcome(config.schemes().get(k), l, eval.accuracy(), converged));
            series.put(config.schemes().get(k).label(), l);
        }
        Path plot = null;
        if (config.outDir() != null) {
            plot = Charts.lines(config.outDir().resolve("deep-relu-training.png"),
                    config.depth() + "-layer ReLU MLP: training loss", "iteration", "loss", false, series);
        }
        if (config.print()) {
            System.out.printf(Locale.ROOT, "Summary (%.1f s):%n", (System.nanoTime() - start) / 1e9);
            for (Outcome o : outcomes) {
                System.out.printf(Locale.ROOT, "  %-12s loss %.3f -> %.3f, train accuracy %5.1f%%: %s%n",
                        o.scheme().label(), o.losses()[0], o.finalLoss(), 100 * o.accuracy(),
                        o.converged() ? "converged" : "did NOT converge");
            }
            if (plot != null) {
                System.out.println("Loss curves: " + plot.toAbsolutePath());
            }
        }
        return new Result(outcomes, plot);
    }

    private static MultiLayerNetwork network(Config config) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(config.seed())
                .dataType(DataType.FLOAT).updater(new Nesterovs(config.learningRate(), 0.9)).list();
        for (int i = 0; i < config.depth(); i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? INPUTS : config.width()).nOut(config.width())
                    .activation(Activation.RELU).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(config.width()).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }
}
