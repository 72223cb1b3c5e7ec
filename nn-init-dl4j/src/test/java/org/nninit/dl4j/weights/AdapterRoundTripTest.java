package org.nninit.dl4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nninit.FanMode;
import org.nninit.Nonlinearity;
import org.nninit.TruncNormalMethod;

/** Every adapter inside real MultiLayerNetwork and ComputationGraph configurations survives JSON and ModelSerializer. */
class AdapterRoundTripTest {

    static Stream<IWeightInit> adapters() {
        return Stream.of(new UniformInit(-0.3, 0.2), new NormalInit(0.1, 0.5),
                new TruncNormalInit(0, 0.02, -0.04, 0.04, TruncNormalMethod.INVERSE_CDF), new ConstantInit(0.25),
                new OnesInit(), new ZerosInit(), new EyeInit(), new DiracInit(2), new XavierUniformInit(0.5),
                new XavierNormalInit(2.0, FanSource.DL4J), new KaimingUniformInit(Math.sqrt(5), FanMode.FAN_IN,
                        Nonlinearity.LEAKY_RELU), new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU,
                        FanSource.DL4J), new OrthogonalInit(1.5), new SparseInit(0.3, 0.02));
    }

    /** Dirac needs a convolution weight; everything else goes on a Dense layer. */
    private static Layer layerFor(IWeightInit init) {
        return init instanceof DiracInit
                ? new ConvolutionLayer.Builder(3, 3).nIn(4).nOut(4).weightInit(init).build()
                : new DenseLayer.Builder().nIn(6).nOut(5).weightInit(init).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT);
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void multiLayerConfigurationJsonAndModelSerializer(IWeightInit init) throws IOException {
        MultiLayerConfiguration conf = base().list().layer(layerFor(init)).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        IWeightInit restored = ((BaseLayer) back.getConf(0).getLayer()).getWeightInitFn();
        assertThat(restored).isEqualTo(init).hasSameHashCodeAs(init).isNotSameAs(init);

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(loaded.params()).isEqualTo(net.params());

        MultiLayerNetwork again = new MultiLayerNetwork(back);
        again.init();
        assertThat(again.params()).as("same seed, same values after JSON").isEqualTo(net.params());
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void computationGraphConfigurationJsonAndModelSerializer(IWeightInit init) throws IOException {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("l", layerFor(init), "in").setOutputs("l").build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);

        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, false);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.getConfiguration()).isEqualTo(graph.getConfiguration());
        assertThat(loaded.params()).isEqualTo(graph.params());
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void equalityIsByValue(IWeightInit init) {
        assertThat(init).isEqualTo(init).isNotEqualTo(new Object()).isNotEqualTo(null);
        assertThat(new UniformInit(-0.3, 0.2)).isNotEqualTo(new UniformInit(-0.3, 0.25));
        assertThat(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU))
                .isNotEqualTo(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU, FanSource.DL4J));
    }
}
