package org.nninit.dl4j.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.FanMode;
import org.nninit.Initializers;
import org.nninit.Initializers.Rec;
import org.nninit.KaimingNormal;
import org.nninit.Nonlinearity;
import org.nninit.Orthogonal;
import org.nninit.VarianceScaling;
import org.nninit.dl4j.NnInit;
import org.nninit.random.TorchGenerator;

/**
 * The generic adapter over every catalogue entry ({@link Initializers}): in real DL4J networks, through JSON and
 * ModelSerializer, strict about hand-edited JSON, and filling the parameter DL4J stores with the values the
 * catalogue expects.
 */
class TorchWeightInitTest {

    static Stream<Rec> recs() {
        return Initializers.all();
    }

    /** The entries whose shape is a DL4J Dense ([out, in]) or 2-D convolution ([out, in, kH, kW]) weight. */
    static Stream<Rec> layerShaped() {
        return Initializers.all().filter(r -> r.shape().length == 2 || r.shape().length == 4);
    }

    /** A layer whose weight, read as PyTorch's tensor, has the entry's shape (or a small Dense for other ranks). */
    private static Layer layerFor(Rec rec, IWeightInit init) {
        long[] s = rec.shape();
        if (s.length == 4) {
            return new ConvolutionLayer.Builder((int) s[2], (int) s[3]).nIn(s[1]).nOut(s[0]).weightInit(init).build();
        }
        return new DenseLayer.Builder().nIn(s.length == 2 ? s[1] : 6).nOut(s.length == 2 ? s[0] : 5)
                .weightInit(init).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(20261201L).dataType(DataType.FLOAT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recs")
    void jsonRoundTripsInBothConfigurationKinds(Rec rec) {
        TorchWeightInit init = new TorchWeightInit(rec.init());
        MultiLayerConfiguration conf = base().list().layer(layerFor(rec, init)).build();
        assertThat(conf.toJson()).contains("\"initializer\" : \"" + rec.init().getClass().getName() + "\"");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        IWeightInit restored = ((BaseLayer) back.getConf(0).getLayer()).getWeightInitFn();
        assertThat(restored).isEqualTo(init).hasSameHashCodeAs(init).isNotSameAs(init);

        ComputationGraphConfiguration graph = base().graphBuilder().addInputs("in")
                .addLayer("l", layerFor(rec, init), "in").setOutputs("l").build();
        assertThat(ComputationGraphConfiguration.fromJson(graph.toJson())).isEqualTo(graph);
    }

    /** The parameter DL4J keeps, read as PyTorch's tensor, has the catalogue's law or property. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layerShaped")
    void fillsTheParameterWithTheExpectedValues(Rec rec) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(layerFor(rec, new TorchWeightInit(rec.init())))
                .build());
        net.init();
        INDArray w = net.getLayer(0).getParam("W");
        INDArray torch = rec.shape().length == 2 ? w.transpose() : w;   // Dense W [nIn, nOut] is weight [out, in]
        assertThat(torch.shape()).containsExactly(rec.shape());
        if (rec.property() != null) {
            rec.property().accept(torch);
        } else {
            Initializers.assertLaw(torch, rec.law());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.params()).isEqualTo(net.params());
    }

    /** The walker hands any value PyTorch's tensor: {@code model.apply(fn)} with Keras's or JAX's functions too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layerShaped")
    void walkerAppliesAnyValue(Rec rec) {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(layerFor(rec, new ZerosInit())).build());
        net.init();
        TorchGenerator gen = new TorchGenerator(7);
        NnInit.apply(net, m -> m.update("weight", w -> rec.init().fill(w, gen)));
        INDArray torch = NnInit.modules(net).get(0).read("weight");
        if (rec.property() != null) {
            rec.property().accept(torch);
        } else {
            Initializers.assertLaw(torch, rec.law());
        }
    }

    /**
     * Every field of every entry's JSON is checked at fromJson: null (or missing), a string where a number, a
     * boolean, an enum's name or an object belongs, and a number where an enum's name belongs all fail naming it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recs")
    void jsonFieldsAreReadStrictly(Rec rec) {
        TorchWeightInit init = new TorchWeightInit(rec.init());
        Map<String, Object> fields = init.jsonFields();
        assertThat(TorchWeightInit.fromJson(fields)).isEqualTo(init);
        for (RecordComponent component : rec.init().getClass().getRecordComponents()) {
            String name = component.getName();
            Object wrong = component.getType().isEnum() ? (Object) 0 : "NaN";
            for (Object edit : new Object[] {null, wrong}) {
                Map<String, Object> edited = new HashMap<>(fields);
                edited.put(name, edit);
                assertThatThrownBy(() -> TorchWeightInit.fromJson(edited)).as(name + "=" + edit)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name)
                        .hasMessageContaining("found");
            }
        }
    }

    @Test
    void theInitializerFieldMustNameAnInitializerRecord() {
        Map<String, Object> fields = new HashMap<>(new TorchWeightInit(new Orthogonal(2)).jsonFields());
        for (Object bad : new Object[] {null, "java.lang.String", "org.nninit.Init", "no.such.Type", 3}) {
            fields.put("initializer", bad);
            assertThatThrownBy(() -> TorchWeightInit.fromJson(fields)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("initializer").hasMessageContaining("found");
        }
    }

    @Test
    void nestedLayoutsAndListsAreReadStrictly() {
        TorchWeightInit init = new TorchWeightInit(VarianceScaling.heUniform().layout(org.nninit.FanLayout.axes(
                new int[] {-2}, new int[] {-1}, new int[] {0})));
        Map<String, Object> fields = new HashMap<>(init.jsonFields());
        @SuppressWarnings("unchecked")
        Map<String, Object> layout = new HashMap<>((Map<String, Object>) fields.get("layout"));
        layout.put("batchAxes", List.of(0.5));
        fields.put("layout", layout);
        assertThatThrownBy(() -> TorchWeightInit.fromJson(fields)).hasMessageContaining("batchAxes[0]");
        layout.put("batchAxes", List.of(0));
        layout.put("vectorFans", "true");
        assertThatThrownBy(() -> TorchWeightInit.fromJson(fields)).hasMessageContaining("vectorFans");
        layout.put("vectorFans", false);
        assertThat(TorchWeightInit.fromJson(fields)).isEqualTo(init);
    }

    /** The legacy classes are the generic adapter over their record: the same values from the same seed. */
    @Test
    void perFunctionAdaptersAreTheGenericAdapter() {
        KaimingNormalInit legacy = new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU);
        TorchWeightInit generic = new TorchWeightInit(new KaimingNormal().mode(FanMode.FAN_OUT)
                .nonlinearity(Nonlinearity.RELU));
        assertThat(legacy.value()).isEqualTo(generic.value());
        assertThat(legacy).isNotEqualTo(generic);   // different classes, different JSON @class
        assertThat(params(convolution(legacy, 1))).isEqualTo(params(convolution(generic, 1)));
    }

    /** FanSource.DL4J: DL4J's stride-divided conv fan-out, for any fan-based value, Keras's included. */
    @Test
    void dl4jFansReachFanBasedValues() {
        TorchWeightInit keras = new TorchWeightInit(VarianceScaling.heUniform().mode(VarianceScaling.Mode.FAN_OUT),
                FanSource.DL4J);
        double dl4jFanOut = 16 * 3 * 3 / (2.0 * 2);   // nOut * kH * kW / (sH * sW)
        double limit = Math.sqrt(3 * (2.0 / dl4jFanOut));
        assertThat(params(convolution(keras, 2))).isEqualTo(params(convolution(new UniformInit(-limit, limit), 2)));
        assertThat(params(convolution(new TorchWeightInit(new KaimingNormal().mode(FanMode.FAN_OUT), FanSource.DL4J), 2)))
                .isEqualTo(params(convolution(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.LEAKY_RELU,
                        FanSource.DL4J), 2)));
        assertThatThrownBy(() -> new TorchWeightInit(new Orthogonal(), FanSource.DL4J))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fanSource=DL4J");
        assertThatThrownBy(() -> new TorchWeightInit((org.nninit.Initializer) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value=null");
    }

    private static MultiLayerNetwork convolution(IWeightInit init, int stride) {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(new ConvolutionLayer.Builder(3, 3)
                .stride(stride, stride).nIn(8).nOut(16).weightInit(init).build()).build());
        net.init();
        return net;
    }

    private static INDArray params(MultiLayerNetwork net) {
        return net.params();
    }
}
