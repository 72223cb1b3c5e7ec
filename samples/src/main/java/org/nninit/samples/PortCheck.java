package org.nninit.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.dl4j.StateDict;
import org.nninit.dl4j.recipes.Recipes;
import org.nninit.random.TorchGenerator;

/**
 * The porter's check: does my DL4J network start with PyTorch's weights? Compares a network's
 * {@link StateDict#of state dict} with a safetensors file PyTorch wrote, and prints per parameter the shape, the
 * largest float32 ulp distance and the largest |difference|.
 *
 * <p>Without arguments it checks the bundled case: a DCGAN generator ported line by line from
 * {@code tools/torch-reference/models.py}, initialized with {@code Recipes.dcgan} and {@code TorchGenerator(11)},
 * against {@code torch.manual_seed(11); gen.apply(init_gan)} from real PyTorch
 * ({@code tools/torch-reference/portcheck.py}). Every row reads 0 ulp; {@code --seed=12} shows what a mismatch
 * looks like. {@code --torch=FILE} compares the same port with another file. For your own model, call
 * {@link #compare} with your network's {@code StateDict.of(net)} and {@code StateDict.read(file)}.
 */
public final class PortCheck {

    static final int DEFAULT_SEED = 11;
    private static final String BUNDLED = "/port-check/dcgan-seed11.safetensors";

    private PortCheck() {
    }

    /**
     * One parameter's comparison; {@code maxUlp} and {@code maxAbs} are -1 when the key is on one side only or the
     * shapes differ.
     */
    public record Row(String key, String dl4jShape, String torchShape, long maxUlp, double maxAbs) {

        public boolean exact() {
            return maxUlp == 0;
        }
    }

    public static void main(String[] args) {
        Cli cli = Cli.parse(args, "PortCheck [--seed=N] [--torch=FILE.safetensors]: a DL4J DCGAN port, initialized"
                + " with Recipes.dcgan and TorchGenerator(N) (default " + DEFAULT_SEED + "), against PyTorch's"
                + " weights (default: the bundled file, seed " + DEFAULT_SEED + ")");
        if (cli == null) {
            return;
        }
        int seed = cli.intOr("seed", DEFAULT_SEED);
        Path file = cli.pathOr("torch", null);
        List<Row> rows = compare(StateDict.of(dcganPort(seed)), StateDict.read(file != null ? file : bundled()));
        print(rows);
        long exact = rows.stream().filter(Row::exact).count();
        System.out.printf("%d of %d parameters bit-exact%n", exact, rows.size());
    }

    /** The DL4J port of {@code models.dcgan_generator()}, layers named by their Sequential index, initialized as
     * {@code torch.manual_seed(seed); gen.apply(init_gan)} would. */
    public static MultiLayerNetwork dcganPort(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(64).activation(Activation.IDENTITY).name("0").build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(16).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).name("2").build())
                .layer(new BatchNormalization.Builder().nOut(8).eps(1e-5).name("3").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("4").build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(8).nOut(3)
                        .activation(Activation.TANH).name("5").build())
                .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(2, 2, 16))
                .build());
        net.init();
        Recipes.dcgan(net, new TorchGenerator(seed));
        return net;
    }

    /**
     * Per key of either side (DL4J's order first), the float32 comparison. PyTorch's {@code num_batches_tracked}
     * is skipped: DL4J has no such counter and {@code StateDict} ignores it.
     */
    public static List<Row> compare(Map<String, INDArray> dl4j, Map<String, INDArray> torch) {
        Set<String> keys = new LinkedHashSet<>(dl4j.keySet());
        torch.keySet().stream().filter(k -> !k.endsWith("num_batches_tracked")).forEach(keys::add);
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            INDArray a = dl4j.get(key);
            INDArray b = torch.get(key);
            String sa = a == null ? "-" : java.util.Arrays.toString(a.shape());
            String sb = b == null ? "-" : java.util.Arrays.toString(b.shape());
            if (a == null || b == null || !sa.equals(sb)) {
                rows.add(new Row(key, sa, sb, -1, -1));
                continue;
            }
            float[] x = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] y = b.castTo(DataType.FLOAT).dup('c').data().asFloat();
            long ulp = 0;
            double abs = 0;
            for (int i = 0; i < x.length; i++) {
                ulp = Math.max(ulp, Math.abs(ordered(x[i]) - ordered(y[i])));
                abs = Math.max(abs, Math.abs((double) x[i] - y[i]));
            }
            rows.add(new Row(key, sa, sb, ulp, abs));
        }
        return rows;
    }

    /** Float bits mapped to a line on which adjacent floats differ by one, across zero too. */
    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    static void print(List<Row> rows) {
        System.out.printf("%-16s %-16s %-16s %10s %12s%n", "parameter", "DL4J shape", "PyTorch shape", "max ulp",
                "max |diff|");
        for (Row r : rows) {
            System.out.printf("%-16s %-16s %-16s %10s %12s%n", r.key(), r.dl4jShape(), r.torchShape(),
                    r.maxUlp() < 0 ? "-" : Long.toString(r.maxUlp()),
                    r.maxAbs() < 0 ? "-" : String.format("%.3g", r.maxAbs()));
        }
    }

    /** The bundled PyTorch file as a path (copied out when the samples run from a jar). */
    static Path bundled() {
        URL url = PortCheck.class.getResource(BUNDLED);
        try {
            if (url != null && url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path tmp = Files.createTempFile("dcgan-seed11", ".safetensors");
            tmp.toFile().deleteOnExit();
            try (InputStream in = PortCheck.class.getResourceAsStream(BUNDLED)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
