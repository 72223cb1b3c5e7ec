package org.nninit.random;

import org.nninit.internal.ReducedFloat;
import org.nninit.internal.memory.ArrayElements;
import org.nninit.internal.memory.TensorWalk;

/**
 * PyTorch's {@code uniform_} and {@code random_} kernels on one generator's stream: per element one 32-bit draw
 * (64-bit for DOUBLE), converted by {@code uniform_real_distribution} / {@code uniform_int_distribution}, in
 * the tensor's visiting order. The caller holds the generator's lock.
 */
final class UniformFill {

    /** Below this many elements a fill stays on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1 << 16;
    private static final int BATCH = 1024;

    private final Mt19937 engine;
    private final CpuCapability cpu;
    /**
     * PyTorch 2.12 and later (from source, unverified: no 2.12 binary here): a value that rounds to exactly
     * {@code to} becomes {@code from}, so that the interval is really half-open; HALF/BFLOAT16 sample 24 bits
     * in float and cast.
     */
    private final boolean halfOpen;

    UniformFill(Mt19937 engine, TorchVersion version, CpuCapability cpu) {
        this.engine = engine;
        this.cpu = cpu;
        this.halfOpen = version.atLeast(TorchVersion.V2_12);
    }

    /** {@code tensor.uniform_(from, to)} into {@code sink}. */
    void uniform(ArrayElements sink, double from, double to) {
        if (sink.isDouble()) {
            uniformDouble(sink, from, to);
        } else if (sink.isReduced()) {
            uniformReduced(sink, from, to);
        } else {
            uniformFloat(sink, from, to);
        }
    }

    /** {@code tensor.random_()} into {@code sink}: {@code val % (2^digits + 1)}. */
    void random(ArrayElements sink) {
        TensorWalk.Cursor cursor = sink.walk();
        int digits = sink.isDouble() ? 53 : !sink.isReduced() ? 24 : sink.isBfloat16() ? 8 : 11;
        long range = (1L << digits) + 1;
        for (long k = 0; k < sink.length(); k++) {
            if (sink.isDouble()) {
                sink.putDouble(cursor.next(), Long.remainderUnsigned(engine.nextLong(), range));
            } else {
                sink.putFloat(cursor.next(), (engine.nextInt() & 0xffffffffL) % range);
            }
        }
    }

    private void uniformFloat(ArrayElements sink, double fromDouble, double toDouble) {
        float from = (float) fromDouble;
        float to = (float) toDouble;
        float range = to - from;
        boolean fused = fusedMultiplyAdd();
        // Only 2.12 maps a value equal to `to` back onto `from`; NaN never equals, so older releases skip it.
        float wrapped = halfOpen ? to : Float.NaN;
        long n = sink.length();
        if (sink.walkIsLinear() && n >= PARALLEL_THRESHOLD) {
            DrawPipeline.run(engine, n, (words, values, count, start) -> {
                uniformFromWords(words, values, count, from, range, fused, wrapped);
                sink.putFloats(start, values, count);
            });
            return;
        }
        int[] draws = new int[(int) Math.min(BATCH, n)];
        float[] values = new float[draws.length];
        TensorWalk.Cursor cursor = sink.walk();
        boolean linear = sink.walkIsLinear();
        for (long done = 0; done < n; ) {
            int count = (int) Math.min(draws.length, n - done);
            engine.nextInts(draws, 0, count);
            for (int k = 0; k < count; k++) {
                float u = TorchMath.unitFloat(draws[k]);
                float v = fused ? Math.fma(u, range, from) : u * range + from;
                values[k] = v == wrapped ? from : v;
            }
            if (linear) {
                sink.putFloats(done, values, count);
            } else {
                for (int k = 0; k < count; k++) {
                    sink.putFloat(cursor.next(), values[k]);
                }
            }
            done += count;
        }
    }

    /**
     * Tempering, int-to-float conversion and the affine map as three separate counted loops: measured on
     * JDK 17, C2 vectorises the first and last and the three together cost about a third of the fused loop.
     * The same float operations in the same order as the per-element path: bit-identical.
     */
    private static void uniformFromWords(int[] words, float[] values, int count, float from, float range,
                                         boolean fused, float wrapped) {
        TorchMath.unitFloatsFromWords(words, values, count);
        if (fused) {
            for (int k = 0; k < count; k++) {
                values[k] = Math.fma(values[k], range, from);
            }
        } else {
            for (int k = 0; k < count; k++) {
                values[k] = values[k] * range + from;
            }
        }
        if (wrapped == wrapped) {
            for (int k = 0; k < count; k++) {
                values[k] = values[k] == wrapped ? from : values[k];
            }
        }
    }

    /** Whether PyTorch's kernel computes {@code u * range + from} as one fused multiply-add. */
    private boolean fusedMultiplyAdd() {
        return cpu.fusesMultiplyAdd();
    }

    private void uniformDouble(ArrayElements sink, double from, double to) {
        double range = to - from;
        boolean fused = fusedMultiplyAdd();
        ArrayElements out = sink;
        TensorWalk.Cursor cursor = sink.walk();
        for (long k = 0; k < sink.length(); k++) {
            double u = TorchMath.unitDouble(engine.nextLong());
            double v = fused ? Math.fma(u, range, from) : u * range + from;
            out.putDouble(cursor.next(), halfOpen && v == to ? from : v);
        }
    }

    /**
     * HALF/BFLOAT16 up to 2.11: bounds and their difference rounded to the type (c10 arithmetic), 11 (8) random
     * bits, the rest in float. 2.12: 24 random bits and the float arithmetic of {@link #uniformFloat} on the
     * rounded bounds, then the cast, and a cast value equal to {@code to} becomes {@code from}.
     */
    private void uniformReduced(ArrayElements sink, double fromDouble, double toDouble) {
        boolean bf16 = sink.isBfloat16();
        if (halfOpen) {
            float from = ReducedFloat.round((float) fromDouble, bf16);
            float to = ReducedFloat.round((float) toDouble, bf16);
            float range = to - from;
            boolean fused = fusedMultiplyAdd();
            TensorWalk.Cursor cursor = sink.walk();
            for (long k = 0; k < sink.length(); k++) {
                float u = TorchMath.unitFloat(engine.nextInt());
                float v = ReducedFloat.round(fused ? Math.fma(u, range, from) : u * range + from, bf16);
                sink.putFloat(cursor.next(), v == to ? from : v);
            }
            return;
        }
        int digits = bf16 ? 8 : 11;
        float from = ReducedFloat.round((float) fromDouble, bf16);
        float to = ReducedFloat.round((float) toDouble, bf16);
        float range = ReducedFloat.round(to - from, bf16);
        ArrayElements out = sink;
        TensorWalk.Cursor cursor = sink.walk();
        for (long k = 0; k < sink.length(); k++) {
            // putFloat rounds the float to the element type, as static_cast<scalar_t> does.
            out.putFloat(cursor.next(), TorchMath.unitReduced(engine.nextInt(), digits) * range + from);
        }
    }
}
