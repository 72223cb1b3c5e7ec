package org.nninit.random;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte layout of {@code torch.get_rng_state()} for the CPU generator (PyTorch's {@code CPUGeneratorImplState},
 * 5056 bytes, little-endian; the table is in {@link TorchGenerator}), read into and written from an engine and a
 * normal cache.
 */
final class StateCodec {

    static final int SIZE = 5056;

    private static final int OFFSET_LEFT = 8;
    private static final int OFFSET_SEEDED = 12;
    private static final int OFFSET_NEXT = 16;
    private static final int OFFSET_WORDS = 24;
    private static final int OFFSET_NORMAL_X = 5016;
    private static final int OFFSET_NORMAL_Y = 5024;
    private static final int OFFSET_NORMAL_RHO = 5032;
    private static final int OFFSET_NORMAL_VALID = 5040;
    private static final int OFFSET_FLOAT_NORMAL = 5048;
    private static final int OFFSET_FLOAT_NORMAL_VALID = 5052;

    private StateCodec() {
    }

    static byte[] encode(Mt19937 engine, NormalCache cache) {
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(0, engine.seed);
        out.putInt(OFFSET_LEFT, engine.left);
        out.putInt(OFFSET_SEEDED, engine.seeded ? 1 : 0);
        out.putLong(OFFSET_NEXT, engine.next & 0xffffffffL);
        for (int i = 0; i < Mt19937.N; i++) {
            out.putLong(OFFSET_WORDS + 8 * i, engine.state[i] & 0xffffffffL);
        }
        out.putDouble(OFFSET_NORMAL_X, 0.0);
        out.putDouble(OFFSET_NORMAL_Y, cache.hasDouble ? cache.nextDouble : 0.0);
        out.putDouble(OFFSET_NORMAL_RHO, 0.0);
        out.putInt(OFFSET_NORMAL_VALID, cache.hasDouble ? 1 : 0);
        out.putFloat(OFFSET_FLOAT_NORMAL, cache.hasFloat ? cache.nextFloat : 0.0f);
        out.put(OFFSET_FLOAT_NORMAL_VALID, (byte) (cache.hasFloat ? 1 : 0));
        return out.array();
    }

    /**
     * Checks {@code state} completely, then loads it into {@code engine} and {@code cache}; nothing is written
     * when it throws.
     *
     * @throws IllegalArgumentException when the bytes are not a state PyTorch's generator can be in
     */
    static void decode(byte[] state, Mt19937 engine, NormalCache cache) {
        if (state == null || state.length != SIZE) {
            throw new IllegalArgumentException("state must be a CPU generator state of " + SIZE
                    + " bytes, but found state.length=" + (state == null ? "null" : state.length));
        }
        ByteBuffer in = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        Mt19937 restored = engine.copy();
        restored.seed = in.getLong(0);
        restored.left = in.getInt(OFFSET_LEFT);
        restored.seeded = in.getInt(OFFSET_SEEDED) != 0;
        long next = in.getLong(OFFSET_NEXT);
        restored.next = (int) next;
        boolean anyWord = false;
        for (int i = 0; i < Mt19937.N; i++) {
            long word = in.getLong(OFFSET_WORDS + 8 * i);
            if (word >>> 32 != 0) {
                throw new IllegalArgumentException("state word " + i + " must be a 32-bit value, but found "
                        + Long.toUnsignedString(word));
            }
            restored.state[i] = (int) word;
            anyWord |= word != 0;
        }
        // left counts the outputs until the next twist (plus one) and next indexes the next word, so after any
        // output left + next = 625; a freshly seeded engine has left = 1 and next = 0.
        boolean positionConsistent = next >= 0 && next <= Mt19937.N
                && (restored.left + next == Mt19937.N + 1 || restored.left == 1 && next == 0);
        if (!restored.seeded || restored.left < 1 || restored.left > Mt19937.N || !positionConsistent) {
            throw new IllegalArgumentException("state holds an invalid mt19937 state: seeded=" + restored.seeded
                    + ", left=" + restored.left + ", next=" + Long.toUnsignedString(next)
                    + " (left must be in 1..624 and left + next = 625, or left = 1 and next = 0)");
        }
        if (!anyWord) {
            throw new IllegalArgumentException("state holds an all-zero mt19937 state, which only ever outputs 0");
        }
        boolean hasDouble = in.getInt(OFFSET_NORMAL_VALID) != 0;
        double nextDouble = in.getDouble(OFFSET_NORMAL_Y);
        boolean hasFloat = in.get(OFFSET_FLOAT_NORMAL_VALID) != 0;
        float nextFloat = in.getFloat(OFFSET_FLOAT_NORMAL);
        if (hasDouble && !Double.isFinite(nextDouble) || hasFloat && !Float.isFinite(nextFloat)) {
            throw new IllegalArgumentException("state holds a cached normal sample that is not finite: normal_y="
                    + nextDouble + ", next_float_normal_sample=" + nextFloat);
        }
        engine.copyFrom(restored);
        cache.hasDouble = hasDouble;
        cache.nextDouble = hasDouble ? nextDouble : 0.0;
        cache.hasFloat = hasFloat;
        cache.nextFloat = hasFloat ? nextFloat : 0.0f;
    }
}
