package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Mt19937#gather} against the calls it stands for, {@link Mt19937#skip} then {@link Mt19937#nextUntempered}
 * per start: the same words and the same state after, with gaps of 0, gaps within and across twists (624 words),
 * gaps of many twists, and blocks that straddle a twist, from engines at several positions inside a twist.
 */
class Mt19937GatherTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16, 623, 624, 1000})
    void gatherEqualsSkipAndDrawPerStart(int length) {
        SplittableRandom random = new SplittableRandom(length);
        for (int trial = 0; trial < 40; trial++) {
            Mt19937 gathered = new Mt19937(trial);
            gathered.skip(random.nextInt(2000));
            Mt19937 stepped = gathered.copy();
            int count = 1 + random.nextInt(60);
            long[] starts = new long[count];
            long position = 0;
            for (int i = 0; i < count; i++) {
                long gap = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(624);
                    case 2 -> 624 - length % 624 + random.nextInt(3);
                    default -> random.nextInt(20_000);
                };
                starts[i] = position + Math.max(0, gap);
                position = starts[i] + length;
            }
            int[] actual = new int[count * length];
            gathered.gather(starts, count, length, actual);
            int[] expected = new int[count * length];
            long at = 0;
            for (int i = 0; i < count; i++) {
                stepped.skip(starts[i] - at);
                stepped.nextUntempered(expected, i * length, length);
                at = starts[i] + length;
            }
            assertThat(actual).as("trial %d", trial).isEqualTo(expected);
            assertThat(gathered.toString()).isEqualTo(stepped.toString());
            assertThat(Arrays.equals(gathered.state, stepped.state)).isTrue();
            assertThat(gathered.nextInt()).isEqualTo(stepped.nextInt());
        }
    }
}
