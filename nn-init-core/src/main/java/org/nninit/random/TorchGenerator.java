package org.nninit.random;

import org.nninit.tensor.ReducedFloat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's CPU generator ({@code torch.Generator()}, and the default one behind {@code torch.manual_seed}):
 * the same MT19937 stream and the same sampling kernels, so that {@code new TorchGenerator(s)} followed by
 * the same init calls gives the numbers {@code torch.manual_seed(s)} gives in Python.
 *
 * <pre>{@code
 * TorchGenerator gen = new TorchGenerator(0);                 // torch.manual_seed(0)
 * INDArray w = Nd4j.create(DataType.FLOAT, 256, 784);
 * INDArray b = Nd4j.create(DataType.FLOAT, 256);
 * ModuleDefaults.linear(w, b, gen);                           // nn.Linear(784, 256)
 * Init.normal(Nd4j.create(DataType.FLOAT, 4, 4), 0, 1, gen);  // torch.randn(4, 4) after it
 * }</pre>
 *
 * <h2>What is reproduced</h2>
 * <ul>
 *   <li>{@code uniform_}: a float (and HALF/BFLOAT16) element takes one 32-bit draw and keeps its low 24
 *       (11, 8) bits; a double element takes one 64-bit draw and keeps 53 bits; then {@code u * (to - from) +
 *       from} in the element's accumulation type, with {@code from}/{@code to} first rounded to the element
 *       type. Bit-exact.</li>
 *   <li>{@code normal_} on a contiguous tensor of at least 16 elements: all elements get uniforms, then
 *       Box–Muller on blocks of 16; when the size is not a multiple of 16 the last 16 elements are drawn again.
 *       FLOAT follows the x86 AVX2 kernel (Cephes polynomials, reproduced operation for operation); DOUBLE the
 *       scalar kernel (within an ulp or two: libm and Java's {@code StrictMath} may differ in the last bit).
 *       HALF/BFLOAT16 follow the scalar kernel with every step rounded to the element type.</li>
 *   <li>{@code normal_} otherwise (fewer than 16 elements, or not contiguous, e.g. 'f' order or a strided
 *       view): one double Box–Muller sample per element in PyTorch's visiting order, with the second value of
 *       each pair cached in the generator (and in its state bytes).</li>
 *   <li>Visiting order: a torch tensor with the array's shape and strides, walked as PyTorch's
 *       {@code TensorIterator} walks it (memory order). A 'c'-order array is a contiguous tensor; an 'f'-order
 *       array or a strided view is the non-contiguous tensor with the same strides.</li>
 *   <li>{@code randperm(n)}: PyTorch's CPU algorithm for {@code n < 2^32 / 20}: for each {@code i < n - 1},
 *       one 32-bit draw {@code z = r % (n - i)} and a swap of {@code i} and {@code i + z}.</li>
 * </ul>
 * Large FLOAT/DOUBLE fills write into the array's native buffer, and the Box–Muller blocks run on the
 * common fork-join pool; each block depends only on its own 16 draws, so values never depend on the
 * number of threads.
 *
 * <h2>State</h2>
 * {@link #getState()} and {@link #setState(byte[])} use the byte layout of {@code torch.get_rng_state()} /
 * {@code torch.set_rng_state()} (PyTorch's {@code CPUGeneratorImplState}, 5056 bytes, little-endian):
 * <pre>
 * offset  size  field
 *      0     8  the_initial_seed        uint64
 *      8     4  left                    int32   outputs left before the next twist, plus one (1..624)
 *     12     4  seeded                  int32   must be non-zero
 *     16     8  next                    uint64  index of the next state word (0..624)
 *     24  4992  state[624]              uint64  each holds one 32-bit MT19937 word
 *   5016     8  normal_x                double  unused (0)
 *   5024     8  normal_y                double  the cached double normal sample
 *   5032     8  normal_rho              double  unused (0)
 *   5040     4  normal_is_valid         int32   1 when normal_y is a cached sample
 *   5044     4  (padding)
 *   5048     4  next_float_normal_sample        float
 *   5052     1  is_next_float_normal_sample_valid  bool
 *   5053     3  (padding)
 * </pre>
 * In Python, {@code torch.get_rng_state().numpy().tobytes()} gives these bytes and
 * {@code torch.set_rng_state(torch.frombuffer(bytearray(b), dtype=torch.uint8))} takes them back.
 *
 * <p>Instances are thread-safe (each call holds the generator's lock, as PyTorch's kernels do).
 */
public final class TorchGenerator implements Generator {

    /** The size of {@code torch.get_rng_state()} for the CPU generator. */
    public static final int STATE_SIZE = 5056;

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

    /** Below this many elements a fill stays on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1 << 16;
    /** Elements per parallel task: a multiple of 16, so tasks hold whole Box–Muller blocks. */
    private static final int SEGMENT = 1 << 14;
    private static final int BATCH = 1024;
    /** DOUBLE block draws per batch handed to the C library's log/sin/cos: a multiple of 16. */
    private static final int DOUBLE_SEGMENT = 1 << 13;
    /** Per-element normal pairs per batch. */
    private static final int PAIR_BATCH = 1 << 12;

    private final Mt19937 engine;
    private final TorchVersion version;
    private final CpuCapability cpu;
    private final NormalKernels kernels;
    private boolean hasNextDoubleNormal;
    private double nextDoubleNormal;
    private boolean hasNextFloatNormal;
    private float nextFloatNormal;

    /**
     * A generator seeded as {@code torch.Generator().manual_seed(seed)}.
     *
     * @param seed all 64 bits are kept (as {@link #initialSeed()}); the stream depends on the low 32. A Python
     *             seed {@code >= 2^63} is the Java long with the same bits; note that Python maps a negative
     *             seed {@code s} to {@code 0xffff_ffff_ffff_ffff + s}, so {@code torch.manual_seed(-1)} is
     *             {@code new TorchGenerator(-2)}.
     */
    public TorchGenerator(long seed) {
        this(seed, TorchVersion.DEFAULT, CpuCapability.AVX2);
    }

    /**
     * A generator seeded as {@code torch.manual_seed(seed)} that reproduces the given release's kernels as
     * compiled for the given CPU kind, where releases and kernels differ (see {@link TorchVersion},
     * {@link CpuCapability}).
     *
     * <pre>{@code
     * new TorchGenerator(0, TorchVersion.of("1.13"), CpuCapability.AVX2);
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code version} or {@code cpu} is null
     */
    public TorchGenerator(long seed, TorchVersion version, CpuCapability cpu) {
        if (version == null || cpu == null) {
            throw new IllegalArgumentException("version and cpu must not be null, but found version=" + version
                    + ", cpu=" + cpu);
        }
        this.engine = new Mt19937(seed);
        this.version = version;
        this.cpu = cpu;
        this.kernels = new NormalKernels(version, cpu);
    }

    private TorchGenerator(TorchGenerator source) {
        engine = source.engine.copy();
        version = source.version;
        cpu = source.cpu;
        kernels = source.kernels;
        hasNextDoubleNormal = source.hasNextDoubleNormal;
        nextDoubleNormal = source.nextDoubleNormal;
        hasNextFloatNormal = source.hasNextFloatNormal;
        nextFloatNormal = source.nextFloatNormal;
    }

    /**
     * {@code generator.manual_seed(seed)}: restarts the stream and clears the cached normal samples.
     *
     * <pre>{@code
     * gen.manualSeed(42);   // torch.manual_seed(42)
     * }</pre>
     *
     * @return this generator
     */
    public synchronized TorchGenerator manualSeed(long seed) {
        engine.reseed(seed);
        hasNextDoubleNormal = false;
        hasNextFloatNormal = false;
        nextDoubleNormal = 0;
        nextFloatNormal = 0;
        return this;
    }

    /** The PyTorch release whose kernels this generator reproduces. */
    public TorchVersion version() {
        return version;
    }

    /** The CPU kernels (instruction set) this generator reproduces. */
    public CpuCapability cpuCapability() {
        return cpu;
    }

    /** {@code generator.initial_seed()}: the last seed set, as unsigned 64-bit bits. */
    public synchronized long initialSeed() {
        return engine.seed;
    }

    /** An independent generator at the same position of the same stream (with the same cached samples). */
    public synchronized TorchGenerator copy() {
        return new TorchGenerator(this);
    }

    /** {@code generator.random()}: the next 32-bit output of MT19937, as an unsigned value. */
    public synchronized long random() {
        return engine.nextInt() & 0xffffffffL;
    }

    /** {@code generator.random64()}: two 32-bit outputs, the first one the high word. */
    public synchronized long random64() {
        return engine.nextLong();
    }

    /**
     * {@code generator.get_state()}: the 5056 bytes {@code torch.get_rng_state()} returns (layout in the class
     * documentation).
     *
     * <pre>{@code
     * byte[] saved = gen.getState();
     * Init.normal(w, 0, 1, gen);
     * gen.setState(saved);            // the same draws again
     * }</pre>
     */
    public synchronized byte[] getState() {
        ByteBuffer out = ByteBuffer.allocate(STATE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(0, engine.seed);
        out.putInt(OFFSET_LEFT, engine.left);
        out.putInt(OFFSET_SEEDED, engine.seeded ? 1 : 0);
        out.putLong(OFFSET_NEXT, engine.next & 0xffffffffL);
        for (int i = 0; i < Mt19937.N; i++) {
            out.putLong(OFFSET_WORDS + 8 * i, engine.state[i] & 0xffffffffL);
        }
        out.putDouble(OFFSET_NORMAL_X, 0.0);
        out.putDouble(OFFSET_NORMAL_Y, hasNextDoubleNormal ? nextDoubleNormal : 0.0);
        out.putDouble(OFFSET_NORMAL_RHO, 0.0);
        out.putInt(OFFSET_NORMAL_VALID, hasNextDoubleNormal ? 1 : 0);
        out.putFloat(OFFSET_FLOAT_NORMAL, hasNextFloatNormal ? nextFloatNormal : 0.0f);
        out.put(OFFSET_FLOAT_NORMAL_VALID, (byte) (hasNextFloatNormal ? 1 : 0));
        return out.array();
    }

    /**
     * {@code generator.set_state(state)}: continues from a state made by {@link #getState()} or by PyTorch's
     * {@code torch.get_rng_state()} (e.g. saved with {@code torch.get_rng_state().numpy().tofile(path)}).
     *
     * <pre>{@code
     * gen.setState(Files.readAllBytes(Path.of("rng_state.bin")));
     * }</pre>
     *
     * @throws IllegalArgumentException when the array is not 5056 bytes or does not hold a valid MT19937
     *                                  state ({@code seeded} zero, {@code left} outside 1..624, {@code next}
     *                                  above 624); the generator is then left unchanged
     */
    public synchronized void setState(byte[] state) {
        if (state == null || state.length != STATE_SIZE) {
            throw new IllegalArgumentException("state must be a CPU generator state of " + STATE_SIZE
                    + " bytes, but found state.length=" + (state == null ? "null" : state.length));
        }
        ByteBuffer in = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        Mt19937 restored = engine.copy();
        restored.seed = in.getLong(0);
        restored.left = in.getInt(OFFSET_LEFT);
        restored.seeded = in.getInt(OFFSET_SEEDED) != 0;
        restored.next = (int) in.getLong(OFFSET_NEXT);
        for (int i = 0; i < Mt19937.N; i++) {
            restored.state[i] = (int) in.getLong(OFFSET_WORDS + 8 * i);
        }
        if (!restored.isValid()) {
            throw new IllegalArgumentException("state holds an invalid mt19937 state: seeded="
                    + restored.seeded + ", left=" + restored.left + ", next=" + Integer.toUnsignedString(restored.next));
        }
        engine.copyFrom(restored);
        hasNextDoubleNormal = in.getInt(OFFSET_NORMAL_VALID) != 0;
        nextDoubleNormal = hasNextDoubleNormal ? in.getDouble(OFFSET_NORMAL_Y) : 0.0;
        hasNextFloatNormal = in.get(OFFSET_FLOAT_NORMAL_VALID) != 0;
        nextFloatNormal = hasNextFloatNormal ? in.getFloat(OFFSET_FLOAT_NORMAL) : 0.0f;
    }

    // ------------------------------------------------------------------ Generator

    /** {@code tensor.uniform_(from, to, generator=this)}. */
    @Override
    public synchronized void fillUniform(INDArray tensor, double from, double to) {
        if (tensor.isEmpty()) {
            return;
        }
        ElementSink sink = ElementSink.of(tensor);
        if (sink.isDouble) {
            uniformDouble(sink, from, to);
        } else if (sink.reduced != null) {
            uniformReduced(sink, from, to);
        } else {
            uniformFloat(sink, from, to);
        }
        sink.finish();
    }

    /** {@code tensor.normal_(mean, std, generator=this)}. */
    @Override
    public synchronized void fillNormal(INDArray tensor, double mean, double std) {
        if (tensor.isEmpty()) {
            return;
        }
        ElementSink sink = ElementSink.of(tensor);
        if (sink.walk.length >= 16 && sink.walk.contiguous) {
            if (sink.isDouble) {
                normalBlocksDouble(sink, mean, std);
            } else if (sink.reduced != null) {
                normalBlocksReduced(sink, mean, std);
            } else if (cpu == CpuCapability.AVX2) {
                normalBlocksFloat(sink, (float) mean, (float) std);
            } else {
                normalBlocksScalarFloat(sink, (float) mean, (float) std);
            }
        } else {
            normalPerElement(sink, mean, std);
        }
        sink.finish();
    }

    /**
     * {@code torch.randperm(n, generator=this)}: consumes {@code n - 1} 32-bit draws.
     *
     * <pre>{@code
     * long[] order = gen.randperm(10);
     * }</pre>
     */
    @Override
    public synchronized long[] randperm(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got n=" + n);
        }
        long[] permutation = new long[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) Long.remainderUnsigned(engine.nextInt() & 0xffffffffL, n - i);
            long swap = permutation[i];
            permutation[i] = permutation[i + z];
            permutation[i + z] = swap;
        }
        return permutation;
    }

    /**
     * {@code tensor.random_(generator=this)} on a floating-point tensor: integers drawn uniformly from
     * {@code [0, 2^digits]}, where {@code digits} is the type's significand precision (24 float, 53 double, 11
     * half, 8 bfloat16), so every value is exact. One 32-bit draw per element (one 64-bit draw for DOUBLE), as
     * {@code val % (2^digits + 1)}, in PyTorch's visiting order.
     *
     * <pre>{@code
     * gen.fillRandom(Nd4j.create(DataType.FLOAT, 10));   // torch.empty(10).random_()
     * }</pre>
     *
     * @throws IllegalArgumentException when the array is not FLOAT, DOUBLE, HALF or BFLOAT16
     */
    public synchronized void fillRandom(INDArray tensor) {
        if (tensor == null || !tensor.dataType().isFPType()) {
            throw new IllegalArgumentException("tensor must be a floating-point array, but found "
                    + (tensor == null ? "null" : tensor.dataType()));
        }
        if (tensor.isEmpty()) {
            return;
        }
        ElementSink sink = ElementSink.of(tensor);
        TensorWalk.Cursor cursor = sink.cursor();
        int digits = sink.isDouble ? 53 : sink.reduced == null ? 24 : sink.isBfloat16() ? 8 : 11;
        long range = (1L << digits) + 1;
        for (long k = 0; k < sink.walk.length; k++) {
            if (sink.isDouble) {
                sink.doubles.put(cursor.next(), Long.remainderUnsigned(engine.nextLong(), range));
            } else {
                sink.floats.put(cursor.next(), (engine.nextInt() & 0xffffffffL) % range);
            }
        }
        sink.finish();
    }

    // ------------------------------------------------------------------ uniform

    private void uniformFloat(ElementSink sink, double fromDouble, double toDouble) {
        float from = (float) fromDouble;
        float range = (float) toDouble - from;
        boolean fused = fusedMultiplyAdd();
        long n = sink.walk.length;
        if (sink.linear() && n >= PARALLEL_THRESHOLD) {
            DrawPipeline.run(engine, n, (words, values, count, start) -> {
                uniformFromWords(words, values, count, from, range, fused);
                sink.putLinear(start, values, count);
            });
            return;
        }
        int[] draws = new int[(int) Math.min(BATCH, n)];
        float[] values = new float[draws.length];
        TensorWalk.Cursor cursor = sink.cursor();
        boolean linear = sink.linear();
        for (long done = 0; done < n; ) {
            int count = (int) Math.min(draws.length, n - done);
            engine.nextInts(draws, 0, count);
            for (int k = 0; k < count; k++) {
                float u = TorchMath.unitFloat(draws[k]);
                values[k] = fused ? Math.fma(u, range, from) : u * range + from;
            }
            if (linear) {
                sink.putLinear(done, values, count);
            } else {
                for (int k = 0; k < count; k++) {
                    sink.floats.put(cursor.next(), values[k]);
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
                                         boolean fused) {
        unitFloatsFromWords(words, values, count);
        if (fused) {
            for (int k = 0; k < count; k++) {
                values[k] = Math.fma(values[k], range, from);
            }
        } else {
            for (int k = 0; k < count; k++) {
                values[k] = values[k] * range + from;
            }
        }
    }

    /**
     * Whether PyTorch's kernel computes {@code u * range + from} as one fused multiply-add: its AVX2 kernels are
     * compiled with FMA and the compiler contracts the expression (measured: the values equal
     * {@code fma(u, range, from)} with the AVX2 kernels, and the two-rounding form only with
     * {@code ATEN_CPU_CAPABILITY=default}).
     */
    private boolean fusedMultiplyAdd() {
        return cpu == CpuCapability.AVX2;
    }

    private void uniformDouble(ElementSink sink, double from, double to) {
        double range = to - from;
        boolean fused = fusedMultiplyAdd();
        DoubleIndexer out = sink.doubles;
        TensorWalk.Cursor cursor = sink.cursor();
        for (long k = 0; k < sink.walk.length; k++) {
            double u = TorchMath.unitDouble(engine.nextLong());
            out.put(cursor.next(), fused ? Math.fma(u, range, from) : u * range + from);
        }
    }

    /** HALF/BFLOAT16: bounds and their difference rounded to the type (c10 arithmetic), the rest in float. */
    private void uniformReduced(ElementSink sink, double fromDouble, double toDouble) {
        boolean bf16 = sink.isBfloat16();
        int digits = bf16 ? 8 : 11;
        float from = ReducedFloat.round((float) fromDouble, bf16);
        float to = ReducedFloat.round((float) toDouble, bf16);
        float range = ReducedFloat.round(to - from, bf16);
        FloatIndexer out = sink.floats;
        TensorWalk.Cursor cursor = sink.cursor();
        for (long k = 0; k < sink.walk.length; k++) {
            // ElementSink.finish() rounds the float to the element type, as static_cast<scalar_t> does.
            out.put(cursor.next(), TorchMath.unitReduced(engine.nextInt(), digits) * range + from);
        }
    }

    // ------------------------------------------------------------------ normal

    /** {@code at::normal_distribution<double>} per element, with the generator's cached second sample. */
    private void normalPerElement(ElementSink sink, double mean, double std) {
        TensorWalk.Cursor cursor = sink.cursor();
        long n = sink.walk.length;
        long done = 0;
        if (hasNextDoubleNormal) {
            hasNextDoubleNormal = false;
            putNormal(sink, cursor, kernels.affine(nextDoubleNormal, std, mean));
            done = 1;
        }
        // PyTorch draws a pair when it finds no cached sample: the pairs come in stream order, so they can be
        // drawn and transformed a batch at a time, the last unused sine becoming the cached sample.
        double[] samples = new double[(int) Math.min(2L * PAIR_BATCH, n - done + 1)];
        while (done < n) {
            long remaining = n - done;
            int pairs = (int) Math.min(PAIR_BATCH, (remaining + 1) / 2);
            for (int i = 0; i < 2 * pairs; i++) {
                samples[i] = TorchMath.unitDouble(engine.nextLong());
            }
            kernels.pairs(samples, pairs);
            int used = (int) Math.min(2L * pairs, remaining);
            for (int i = 0; i < used; i++) {
                putNormal(sink, cursor, kernels.affine(samples[i], std, mean));
            }
            if (used < 2 * pairs) {
                nextDoubleNormal = samples[2 * pairs - 1];
                hasNextDoubleNormal = true;
            }
            done += used;
        }
    }

    private static void putNormal(ElementSink sink, TensorWalk.Cursor cursor, double value) {
        if (sink.isDouble) {
            sink.doubles.put(cursor.next(), value);
        } else {
            // static_cast<scalar_t>(double); HALF/BFLOAT16 go through float, as c10 converts.
            sink.floats.put(cursor.next(), (float) value);
        }
    }

    /**
     * The float block kernel. State words are taken in stream order one segment at a time (the twist is
     * sequential); tempering, conversion and each segment's blocks run on the fork-join pool while the next
     * segment is drawn ({@link DrawPipeline}).
     */
    private void normalBlocksFloat(ElementSink sink, float mean, float std) {
        long n = sink.walk.length;
        long fullBlocks = n / 16;
        long blockElements = fullBlocks * 16;
        ElementSink out = sink;
        if (n < PARALLEL_THRESHOLD) {
            float[] segment = new float[(int) Math.min(SEGMENT, blockElements)];
            int[] draws = new int[segment.length];
            for (long start = 0; start < blockElements; start += segment.length) {
                int count = (int) Math.min(segment.length, blockElements - start);
                drawUnitFloats(draws, segment, count);
                transformAndStore(segment, count, start, out, mean, std);
            }
        } else {
            DrawPipeline.run(engine, blockElements, (words, values, count, start) -> {
                unitFloatsFromWords(words, values, count);
                transformAndStore(values, count, start, out, mean, std);
            });
        }
        finishTail(n, out, mean, std);
    }

    private void finishTail(long n, ElementSink out, float mean, float std) {
        long remainder = n % 16;
        if (remainder != 0) {
            // PyTorch drew uniforms for the partial block too, then draws the last 16 elements again.
            engine.skip(remainder);
            float[] tail = new float[16];
            int[] draws = new int[16];
            drawUnitFloats(draws, tail, 16);
            transformAndStore(tail, 16, n - 16, out, mean, std);
        }
    }

    /** {@code unitFloat(temper(w))} for each word, in loops simple enough to vectorise (words are overwritten). */
    private static void unitFloatsFromWords(int[] words, float[] values, int count) {
        Mt19937.temper(words, 0, count);
        for (int k = 0; k < count; k++) {
            values[k] = words[k] & 0xffffff;
        }
        for (int k = 0; k < count; k++) {
            values[k] *= TorchMath.FLOAT_UNIT;
        }
    }

    private void drawUnitFloats(int[] draws, float[] into, int count) {
        engine.nextInts(draws, 0, count);
        for (int k = 0; k < count; k++) {
            into[k] = TorchMath.unitFloat(draws[k]);
        }
    }

    private static void transformAndStore(float[] values, int count, long start, ElementSink out, float mean,
                                          float std) {
        // PyTorch's AVX2 block transform on each block of 16, in passes C2 vectorises (bit-identical, tested).
        BoxMullerKernel.transform(values, count, mean, std);
        out.putLinear(start, values, count);
    }

    private void normalBlocksDouble(ElementSink sink, double mean, double std) {
        long n = sink.walk.length;
        long blockElements = n / 16 * 16;
        double[] segment = new double[(int) Math.min(DOUBLE_SEGMENT, blockElements)];
        DoubleIndexer out = sink.doubles;
        for (long start = 0; start < blockElements; start += segment.length) {
            int count = (int) Math.min(segment.length, blockElements - start);
            for (int k = 0; k < count; k++) {
                segment[k] = TorchMath.unitDouble(engine.nextLong());
            }
            kernels.doubleBlocks(segment, count, mean, std);
            for (int k = 0; k < count; k++) {
                out.put(start + k, segment[k]);
            }
        }
        if (n % 16 != 0) {
            engine.skip(2 * (n % 16));
            double[] block = new double[16];
            for (int k = 0; k < 16; k++) {
                block[k] = TorchMath.unitDouble(engine.nextLong());
            }
            kernels.doubleBlocks(block, 16, mean, std);
            for (int k = 0; k < 16; k++) {
                out.put(n - 16 + k, block[k]);
            }
        }
    }

    /** FLOAT without AVX2: the scalar block kernel, one block of 16 at a time. */
    private void normalBlocksScalarFloat(ElementSink sink, float mean, float std) {
        long n = sink.walk.length;
        long blockElements = n / 16 * 16;
        float[] block = new float[16];
        int[] draws = new int[16];
        for (long start = 0; start < blockElements; start += 16) {
            drawUnitFloats(draws, block, 16);
            kernels.floatBlock(block, 0, mean, std);
            sink.putLinear(start, block, 16);
        }
        if (n % 16 != 0) {
            engine.skip(n % 16);
            drawUnitFloats(draws, block, 16);
            kernels.floatBlock(block, 0, mean, std);
            sink.putLinear(n - 16, block, 16);
        }
    }

    private void normalBlocksReduced(ElementSink sink, double meanDouble, double stdDouble) {
        boolean bf16 = sink.isBfloat16();
        int digits = bf16 ? 8 : 11;
        float mean = ReducedFloat.round((float) meanDouble, bf16);
        float std = ReducedFloat.round((float) stdDouble, bf16);
        long n = sink.walk.length;
        long blockElements = n / 16 * 16;
        float[] block = new float[16];
        FloatIndexer out = sink.floats;
        for (long start = 0; start < blockElements; start += 16) {
            for (int k = 0; k < 16; k++) {
                block[k] = TorchMath.unitReduced(engine.nextInt(), digits);
            }
            kernels.reducedBlock(block, 0, mean, std, bf16);
            for (int k = 0; k < 16; k++) {
                out.put(start + k, block[k]);
            }
        }
        if (n % 16 != 0) {
            engine.skip(n % 16);
            for (int k = 0; k < 16; k++) {
                block[k] = TorchMath.unitReduced(engine.nextInt(), digits);
            }
            kernels.reducedBlock(block, 0, mean, std, bf16);
            for (int k = 0; k < 16; k++) {
                out.put(n - 16 + k, block[k]);
            }
        }
    }
}
