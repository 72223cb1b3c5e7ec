package org.nninit.dl4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nninit.FanMode;
import org.nninit.Nonlinearity;
import org.nninit.TruncNormalMethod;

/**
 * Configurations written by the per-function adapters before they became one generic adapter (captured then and
 * committed under {@code legacy-adapter-json/}) still load, to equal adapters, and the networks they build start
 * from the very same parameters, bit for bit. One file was captured again on purpose: {@code SparseInit.params.txt},
 * after the default generator's {@code randperm} moved from a native uniform op per permutation to one seeded
 * {@code SplittableRandom} (8x faster, other zero positions for the same DL4J seed).
 */
class LegacyAdapterJsonTest {

    /** The adapters the resources were written from, in the capture's order. */
    static Stream<IWeightInit> written() {
        return Stream.of(new UniformInit(-0.3, 0.2), new NormalInit(0.1, 0.5),
                new TruncNormalInit(0, 0.02, -0.04, 0.04, TruncNormalMethod.INVERSE_CDF), new ConstantInit(0.25),
                new OnesInit(), new ZerosInit(), new EyeInit(), new DiracInit(2), new XavierUniformInit(0.5),
                new XavierNormalInit(2.0, FanSource.DL4J), new KaimingUniformInit(Math.sqrt(5), FanMode.FAN_IN,
                        Nonlinearity.LEAKY_RELU), new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU,
                        FanSource.DL4J), new OrthogonalInit(1.5), new SparseInit(0.3, 0.02));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LegacyAdapterJsonTest.class.getResourceAsStream("/legacy-adapter-json/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("written")
    void multiLayerConfigurationLoadsAndStartsFromTheSameParameters(IWeightInit adapter) throws IOException {
        String name = adapter.getClass().getSimpleName();
        String json = resource(name + ".mln.json");
        assertThat(json).contains("\"@class\" : \"org.nninit.dl4j.weights." + name + "\"");
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        assertThat(((BaseLayer) conf.getConf(0).getLayer()).getWeightInitFn()).isEqualTo(adapter);

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        int[] expected = resource(name + ".params.txt").lines().mapToInt(Integer::parseInt).toArray();
        float[] actual = net.params().dup().data().asFloat();
        assertThat(Arrays.stream(expected).toArray()).as("float bits of net.params()")
                .containsExactly(bits(actual));
    }

    @ParameterizedTest
    @MethodSource("written")
    void computationGraphConfigurationLoads(IWeightInit adapter) throws IOException {
        String json = resource(adapter.getClass().getSimpleName() + ".cg.json");
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
        LayerVertex vertex = (LayerVertex) conf.getVertices().get("l");
        assertThat(((BaseLayer) vertex.getLayerConf().getLayer()).getWeightInitFn()).isEqualTo(adapter);
        // written again, it reads back equal: the JSON form is the one the old adapters wrote
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToIntBits(values[i]);
        }
        return bits;
    }
}
