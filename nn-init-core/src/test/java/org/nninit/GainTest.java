package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GainTest {

    @ParameterizedTest
    @CsvSource({
        "linear, 1.0", "conv1d, 1.0", "conv2d, 1.0", "conv3d, 1.0", "conv_transpose1d, 1.0",
        "conv_transpose2d, 1.0", "conv_transpose3d, 1.0", "sigmoid, 1.0",
        "tanh, 1.6666666666666667", "relu, 1.4142135623730951", "leaky_relu, 1.4141428569978354", "selu, 0.75"
    })
    void pytorchTable(String name, double expected) {
        assertThat(Init.calculateGain(name)).isEqualTo(expected, within(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.fromTorchName(name))).isEqualTo(expected, within(1e-15));
        assertThat(Nonlinearity.fromTorchName(name).torchName()).isEqualTo(name);
    }

    @Test
    void leakyReluUsesTheGivenSlope() {
        assertThat(Init.calculateGain("leaky_relu", 0.2)).isEqualTo(Math.sqrt(2.0 / 1.04), within(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.0)).isEqualTo(Math.sqrt(2.0), within(1e-15));
        // kaiming_uniform_(a=sqrt(5)) is nn.Linear's default: gain sqrt(2/6) = sqrt(1/3)
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, Math.sqrt(5))).isEqualTo(Math.sqrt(1.0 / 3), within(1e-15));
    }

    @Test
    void otherNonlinearitiesIgnoreTheParameter() {
        assertThat(Init.calculateGain("tanh", 0.7)).isEqualTo(5.0 / 3);
    }

    @Test
    void unknownNameIsRejectedByName() {
        assertThatThrownBy(() -> Init.calculateGain("gelu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Unsupported nonlinearity gelu;");
        assertThatThrownBy(() -> Init.calculateGain("ReLU")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Init.calculateGain((Nonlinearity) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badNegativeSlopeIsRejected() {
        assertThatThrownBy(() -> Init.calculateGain("leaky_relu", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative_slope NaN");
        assertThatThrownBy(() -> Init.calculateGain(Nonlinearity.LEAKY_RELU, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void fanModeByTorchName() {
        assertThat(FanMode.fromTorchName("fan_in")).isEqualTo(FanMode.FAN_IN);
        assertThat(FanMode.fromTorchName("FAN_OUT")).isEqualTo(FanMode.FAN_OUT);
        assertThatThrownBy(() -> FanMode.fromTorchName("fan_avg"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fan_avg");
    }

    @org.junit.jupiter.api.Test
    void unknownNamesListTheValidOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nonlinearity.fromTorchName("Relu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported nonlinearity Relu").hasMessageContaining("did you mean \"relu\"")
                .hasMessageContaining("\"leaky_relu\"").hasMessageContaining("\"conv_transpose3d\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Init.calculateGain("gelu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gelu")
                .hasMessageContaining("must be one of");
    }
}
