package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;

/** {@code setState} accepts every state PyTorch's generator can be in and nothing else, atomically. */
class StateCodecTest {

    private static byte[] stateAfter(int draws) {
        TorchGenerator gen = new TorchGenerator(11);
        for (int i = 0; i < draws; i++) {
            gen.random();
        }
        return gen.getState();
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("left=300, next=500", (Consumer<ByteBuffer>) b -> {
                    b.putInt(8, 300);
                    b.putLong(16, 500);
                }, "left + next = 625"),
                Arguments.of("left=624, next=624", (Consumer<ByteBuffer>) b -> {
                    b.putInt(8, 624);
                    b.putLong(16, 624);
                }, "left + next = 625"),
                Arguments.of("left=0", (Consumer<ByteBuffer>) b -> b.putInt(8, 0), "left=0"),
                Arguments.of("unseeded", (Consumer<ByteBuffer>) b -> b.putInt(12, 0), "seeded=false"),
                Arguments.of("next above 624", (Consumer<ByteBuffer>) b -> b.putLong(16, 1000), "next=1000"),
                Arguments.of("all-zero words", (Consumer<ByteBuffer>) b -> {
                    for (int i = 0; i < Mt19937.N; i++) {
                        b.putLong(24 + 8 * i, 0);
                    }
                }, "all-zero"),
                Arguments.of("64-bit word", (Consumer<ByteBuffer>) b -> b.putLong(24 + 8 * 7, 1L << 40), "word 7"),
                Arguments.of("NaN cached normal", (Consumer<ByteBuffer>) b -> {
                    b.putInt(5040, 1);
                    b.putDouble(5024, Double.NaN);
                }, "not finite"),
                Arguments.of("infinite float normal", (Consumer<ByteBuffer>) b -> {
                    b.put(5052, (byte) 1);
                    b.putFloat(5048, Float.POSITIVE_INFINITY);
                }, "not finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void rejectsStatesPyTorchCannotBeInAndLeavesTheGeneratorUnchanged(String what, Consumer<ByteBuffer> corrupt,
                                                                      String message) {
        byte[] bad = stateAfter(100);
        corrupt.accept(ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN));
        TorchGenerator gen = new TorchGenerator(3);
        Init.normal(Nd4j.create(DataType.FLOAT, 3), 0, 1, gen); // leaves a cached sample
        byte[] before = gen.getState();
        assertThatThrownBy(() -> gen.setState(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state").hasMessageContaining(message);
        assertThat(gen.getState()).isEqualTo(before);
        assertThat(gen.random()).isEqualTo(new TorchGeneratorWithState(before).random());
    }

    @Test
    void acceptsFreshlySeededJustTwistedAndEndOfBlockStates() {
        for (int draws : new int[] {0, 1, 2, 623, 624, 625, 1000}) {
            byte[] state = stateAfter(draws);
            TorchGenerator gen = new TorchGenerator(0);
            gen.setState(state);
            assertThat(gen.getState()).as("after %d draws", draws).isEqualTo(state);
            TorchGenerator reference = new TorchGenerator(11);
            for (int i = 0; i < draws; i++) {
                reference.random();
            }
            assertThat(gen.random()).isEqualTo(reference.random());
        }
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> new TorchGenerator(0).setState(new byte[10]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.length=10");
        assertThatThrownBy(() -> new TorchGenerator(0).setState(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.length=null");
    }

    /** A generator continued from {@code state}. */
    private static final class TorchGeneratorWithState {
        private final TorchGenerator gen = new TorchGenerator(0);

        TorchGeneratorWithState(byte[] state) {
            gen.setState(state);
        }

        long random() {
            return gen.random();
        }
    }
}
