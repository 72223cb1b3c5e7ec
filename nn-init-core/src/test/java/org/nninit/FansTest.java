package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FansTest {

    @Test
    void linearWeightOutByIn() {
        assertThat(Fans.of(new long[] {3, 5})).isEqualTo(new Fans(5, 3));
    }

    @Test
    void convWeightMultipliesByReceptiveField() {
        // torch.empty(64, 3, 7, 7): fan_in = 3*49, fan_out = 64*49
        assertThat(Fans.of(new long[] {64, 3, 7, 7})).isEqualTo(new Fans(147, 3136));
        assertThat(Fans.of(new long[] {8, 4, 5})).isEqualTo(new Fans(20, 40));
        assertThat(Fans.of(new long[] {2, 3, 1, 2, 3})).isEqualTo(new Fans(18, 12));
    }

    @Test
    void transposedConvKeepsPytorchQuirk() {
        // ConvTranspose2d(16, 8, 3): weight [in=16, out=8, 3, 3]; PyTorch's fan_in is dim 1 (out channels) * 9.
        assertThat(Fans.of(new long[] {16, 8, 3, 3})).isEqualTo(new Fans(72, 144));
    }

    @Test
    void fewerThanTwoDimensionsIsAnError() {
        assertThatThrownBy(() -> Fans.of(new long[] {5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than 2 dimensions")
                .hasMessageContaining("[5]");
        assertThatThrownBy(() -> Fans.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
