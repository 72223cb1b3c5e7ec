package org.nninit.random;

import java.util.Arrays;

/**
 * The 32-bit Mersenne Twister exactly as PyTorch's {@code at::mt19937} keeps it: the seed, the 624-word
 * state, {@code left} (outputs until the next twist, plus one) and {@code next} (the index of the next
 * word), so that a state exported by {@code torch.get_rng_state()} continues here where it stopped there.
 */
final class Mt19937 {

    static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    final int[] state = new int[N];
    /** Scratch of {@link #twist}: the old {@code s[k + 1]}, and the {@code s[k + M]} (old or new) of word k. */
    private final int[] twistLower = new int[N];
    private final int[] twistAhead = new int[N];
    long seed;
    int left;
    boolean seeded;
    int next;

    Mt19937(long seed) {
        reseed(seed);
    }

    private Mt19937() {
    }

    /** Knuth's initialisation from the low 32 bits; the full 64-bit seed is kept for {@code initial_seed()}. */
    void reseed(long newSeed) {
        seed = newSeed;
        seeded = true;
        state[0] = (int) newSeed;
        for (int j = 1; j < N; j++) {
            int previous = state[j - 1];
            state[j] = 1812433253 * (previous ^ (previous >>> 30)) + j;
        }
        left = 1;
        next = 0;
    }

    Mt19937 copy() {
        Mt19937 copy = new Mt19937();
        copy.copyFrom(this);
        return copy;
    }

    void copyFrom(Mt19937 other) {
        System.arraycopy(other.state, 0, state, 0, N);
        seed = other.seed;
        left = other.left;
        seeded = other.seeded;
        next = other.next;
    }

    /** The next 32-bit output, as an int holding the unsigned bits. */
    int nextInt() {
        if (--left == 0) {
            twist();
        }
        return temper(state[next++]);
    }

    /** {@code random64()}: two outputs, the first one the high word. */
    long nextLong() {
        long high = nextInt() & 0xffffffffL;
        long low = nextInt() & 0xffffffffL;
        return (high << 32) | low;
    }

    /** {@code count} consecutive outputs into {@code out[offset..]}, as {@code count} calls of {@link #nextInt}. */
    void nextInts(int[] out, int offset, int count) {
        nextUntempered(out, offset, count);
        temper(out, offset, count);
    }

    /**
     * The state words behind the next {@code count} outputs, not yet tempered: {@link #temper(int[], int, int)}
     * turns them into the outputs. Only this part is sequential; tempering may run on other threads.
     */
    void nextUntempered(int[] out, int offset, int count) {
        int position = offset;
        int remaining = count;
        while (remaining > 0) {
            if (left == 1) {
                twist();
                left = N + 1;
            }
            int take = Math.min(left - 1, remaining);
            System.arraycopy(state, next, out, position, take);
            next += take;
            left -= take;
            position += take;
            remaining -= take;
        }
    }

    /**
     * For each of the {@code count} ascending word offsets {@code starts[i]} (counted from the current position,
     * each at least {@code length} past the previous one), the {@code length} untempered words there into
     * {@code out[length * i ..]}; the engine then stands just after the last of them. The same words and the same
     * final state as {@link #skip} and {@link #nextUntempered} per start, without their per-call loops: for
     * gathering many small blocks (trunc_normal_'s first rejection round gathers half a million).
     */
    void gather(long[] starts, int count, int length, int[] out) {
        long position = 0;
        for (int i = 0; i < count; i++) {
            long gap = starts[i] - position;
            if (gap < left) {
                next += (int) gap;
                left -= (int) gap;
            } else {
                skip(gap);
            }
            if (length < left) {
                System.arraycopy(state, next, out, length * i, length);
                next += length;
                left -= length;
            } else {
                nextUntempered(out, length * i, length);
            }
            position = starts[i] + length;
        }
    }

    /** Tempers {@code words[offset..offset+count)} in place: a branch-free loop the JIT vectorises. */
    static void temper(int[] words, int offset, int count) {
        for (int k = offset; k < offset + count; k++) {
            words[k] = temper(words[k]);
        }
    }

    /** Skips {@code count} outputs. */
    void skip(long count) {
        long remaining = count;
        while (remaining > 0) {
            if (left == 1) {
                twist();
                left = N + 1;
            }
            int take = (int) Math.min(left - 1, remaining);
            next += take;
            left -= take;
            remaining -= take;
        }
    }

    boolean isValid() {
        return seeded && left > 0 && left <= N && Integer.compareUnsigned(next, N) <= 0;
    }

    static int temper(int word) {
        int y = word;
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /**
     * The twist: {@code s[k] = s[k + M] ^ mix(s[k], s[k + 1])} in ring order, where {@code s[k + M]} of the last
     * {@code N - M} words is already new. Written as three blends whose operands are copies at the written word's
     * own index: JDK 17's C2 vectorises a loop only when all its array accesses share one offset from the loop
     * index (measured: {@code t[k] = s[k] ^ s[k + 1]} stays scalar), and this form runs about 3x as fast as the
     * direct loops (16.8M words: 7-10 ms against 27-30 on one core). Each range of new words that a later range
     * reads is complete before it is copied.
     */
    private void twist() {
        int[] s = state;
        int[] lower = twistLower;
        int[] ahead = twistAhead;
        System.arraycopy(s, 1, lower, 0, N - 1);
        System.arraycopy(s, M, ahead, 0, N - M);
        blend(s, lower, ahead, 0, N - M);
        System.arraycopy(s, 0, ahead, N - M, N - M);
        blend(s, lower, ahead, N - M, 2 * (N - M));
        System.arraycopy(s, N - M, ahead, 2 * (N - M), N - 1 - 2 * (N - M));
        blend(s, lower, ahead, 2 * (N - M), N - 1);
        s[N - 1] = s[M - 1] ^ mix(s[N - 1], s[0]);
        left = N;
        next = 0;
    }

    /** {@code s[k] = ahead[k] ^ mix(s[k], lower[k])} for k in [from, to). */
    private static void blend(int[] s, int[] lower, int[] ahead, int from, int to) {
        for (int k = from; k < to; k++) {
            s[k] = ahead[k] ^ mix(s[k], lower[k]);
        }
    }

    private static int mix(int upper, int lower) {
        int y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
        // -(lower & 1) is all ones for an odd word: a mask instead of a branch keeps the twist loops vectorisable.
        return (y >>> 1) ^ (-(lower & 1) & MATRIX_A);
    }

    @Override
    public String toString() {
        return "Mt19937[seed=" + Long.toUnsignedString(seed) + ", left=" + left + ", next=" + next + ", state[0..3]="
                + Arrays.toString(Arrays.copyOf(state, 3)) + "]";
    }
}
