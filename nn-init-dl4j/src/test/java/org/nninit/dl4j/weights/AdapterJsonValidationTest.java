package org.nninit.dl4j.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nninit.FanMode;
import org.nninit.Nonlinearity;
import org.nninit.TruncNormalMethod;

/**
 * A configuration edited by hand is held to the constructors' rules: {@code fromJson} fails with a message
 * naming the field, instead of Jackson filling fields behind the constructor (null as 0, "NaN" as NaN, 2.7 as 2,
 * an enum by position).
 */
class AdapterJsonValidationTest {

    private static String json(IWeightInit init) {
        var layer = init instanceof DiracInit
                ? new ConvolutionLayer.Builder(3, 3).nIn(4).nOut(4).weightInit(init).build()
                : new DenseLayer.Builder().nIn(6).nOut(5).weightInit(init).build();
        return new NeuralNetConfiguration.Builder().list().layer(layer).build().toJson();
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of(new XavierUniformInit(0.5), "\"gain\" : 0.5", "\"gain\" : \"NaN\"", "gain"),
                Arguments.of(new XavierUniformInit(0.5), "\"gain\" : 0.5", "\"gain\" : null", "gain"),
                Arguments.of(new XavierUniformInit(0.5), "\"gain\" : 0.5", "\"gain\" : -1.0", "gain"),
                Arguments.of(new XavierNormalInit(2.0), "\"fanSource\" : \"TORCH\"", "\"fanSource\" : null", "fanSource"),
                Arguments.of(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU), "\"mode\" : \"FAN_OUT\"",
                        "\"mode\" : 1", "mode"),
                Arguments.of(new KaimingUniformInit(0.2, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU),
                        "\"nonlinearity\" : \"LEAKY_RELU\"", "\"nonlinearity\" : \"leaky\"", "nonlinearity"),
                Arguments.of(new KaimingUniformInit(0.2, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU), "\"a\" : 0.2",
                        "\"a\" : \"NaN\"", "a"),
                Arguments.of(new DiracInit(2), "\"groups\" : 2", "\"groups\" : 2.7", "groups"),
                Arguments.of(new DiracInit(2), "\"groups\" : 2", "\"groups\" : 0", "groups"),
                Arguments.of(new UniformInit(-0.3, 0.2), "\"b\" : 0.2", "\"b\" : null", "b"),
                Arguments.of(new UniformInit(-0.3, 0.2), "\"b\" : 0.2", "\"b\" : -1.0", "b=-1.0"),
                Arguments.of(new NormalInit(0.1, 0.5), "\"std\" : 0.5", "\"std\" : \"Infinity\"", "std"),
                Arguments.of(new ConstantInit(0.25), "\"val\" : 0.25", "\"val\" : null", "val"),
                Arguments.of(new SparseInit(0.3, 0.02), "\"sparsity\" : 0.3", "\"sparsity\" : 3", "sparsity"),
                Arguments.of(new TruncNormalInit(0, 0.02, -0.04, 0.04, TruncNormalMethod.INVERSE_CDF),
                        "\"method\" : \"INVERSE_CDF\"", "\"method\" : 0", "method"),
                Arguments.of(new OrthogonalInit(1.5), "\"gain\" : 1.5", "\"gain\" : \"NaN\"", "gain"));
    }

    @ParameterizedTest(name = "{2} in {0}")
    @MethodSource("edits")
    void fromJsonFailsNamingTheField(IWeightInit init, String original, String edited, String field) {
        String json = json(init);
        assertThat(json).contains(original);
        // the unedited configuration loads back to an equal adapter
        IWeightInit back = ((BaseLayer) MultiLayerConfiguration.fromJson(json).getConf(0).getLayer()).getWeightInitFn();
        assertThat(back).isEqualTo(init);
        assertThatThrownBy(() -> MultiLayerConfiguration.fromJson(json.replace(original, edited)))
                .satisfies(e -> assertThat(chain(e)).contains(field).contains("found"));
    }

    private static String chain(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getMessage()).append(" | ");
        }
        return s.toString();
    }
}
