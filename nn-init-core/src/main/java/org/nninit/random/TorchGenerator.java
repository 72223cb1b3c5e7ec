package org.nninit.random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.internal.memory.ArrayElements;

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
 * <h2>What is reproduced, and how it is verified</h2>
 * Bit for bit against real PyTorch binaries: Debian's 1.13.1 and libtorch 2.10.0, each with its AVX2 kernels and
 * with its portable ones ({@code ATEN_CPU_CAPABILITY=default}), on about 3,700 committed reference cases
 * ({@code tools/torch-reference}; every dtype, sizes across the 16-element rule, transposed, strided and
 * permuted views, every {@code nn.init} function and module default, state round trips). Choose the release
 * and CPU kind with {@link #TorchGenerator(long, TorchVersion, CpuCapability)}; the default is the newest
 * verified release ({@link TorchVersion#DEFAULT}) with the AVX2 kernels, which current PyTorch runs on any
 * x86-64 machine with AVX2.
 * <ul>
 *   <li>{@code uniform_}: a float (and HALF/BFLOAT16) element takes one 32-bit draw and keeps its low 24
 *       (11, 8) bits; a double element takes one 64-bit draw and keeps 53 bits; then {@code u * (to - from) +
 *       from}, one fused multiply-add on AVX2 (GCC contracts it there), two roundings otherwise.</li>
 *   <li>{@code normal_} on a contiguous tensor of at least 16 elements: all elements get uniforms, then
 *       Box–Muller on blocks of 16; when the size is not a multiple of 16 the last 16 elements are drawn again.
 *       FLOAT on AVX2 follows the vector kernel with the fused multiply-adds GCC put into its Cephes log and
 *       sincos (read from {@code libtorch_cpu.so}); the other kernels call glibc's {@code logf}/{@code sinf}/
 *       {@code cosf} (reproduced in Java) or, for DOUBLE, the C library itself through ND4J's CPU backend.
 *       HALF keeps float intermediates in 1.13 and rounds each step from 2.0; BFLOAT16 rounds each step.</li>
 *   <li>{@code normal_} otherwise (fewer than 16 elements, or not contiguous, e.g. 'f' order or a strided
 *       view): one double Box–Muller sample per element in PyTorch's visiting order ({@code log(1 - u)} in 1.13,
 *       {@code log1p(-u)} from 2.0), with the second value of each pair cached in the generator (and in its
 *       state bytes).</li>
 *   <li>Visiting order: a torch tensor with the array's shape and strides, walked as PyTorch's
 *       {@code TensorIterator} walks it (memory order). A 'c'-order array is a contiguous tensor; an 'f'-order
 *       array or a strided view is the non-contiguous tensor with the same strides.</li>
 *   <li>{@code randperm(n)}: for each {@code i < n - 1}, one 32-bit draw {@code z = r % (n - i)} and a swap of
 *       {@code i} and {@code i + z}.</li>
 *   <li>{@code random_()}: {@code r % (2^digits + 1)} per element.</li>
 * </ul>
 * <b>PyTorch 2.12</b> ({@link TorchVersion#V2_12}) is implemented from a reading of its source, with no binary
 * to check against: {@code uniform_} maps a value equal to {@code to} onto {@code from} and samples HALF/BFLOAT16
 * with 24 bits in float; HALF/BFLOAT16 {@code normal_} runs the float kernel per block of 16; {@code randperm}
 * of {@code n >= 2^32 / 20} uses the inside-out Fisher–Yates shuffle with 64-bit draws.
 *
 * <p>On a backend other than ND4J's CPU one (CUDA), DOUBLE normals use {@link Math}'s log/sin/cos, which
 * may differ from glibc's in the last bit.
 *
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
    public static final int STATE_SIZE = StateCodec.SIZE;
    /** {@code std::numeric_limits<uint32_t>::max() / 20}: from here 2.12's randperm changes algorithm. */
    private static final long RANDPERM_SWAP_LIMIT = 0xffffffffL / 20;

    private final Mt19937 engine;
    private final NormalCache cache = new NormalCache();
    private final TorchVersion version;
    private final CpuCapability cpu;
    private final UniformFill uniform;
    private final NormalFill normal;

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
     * A generator seeded as {@code torch.manual_seed(seed)} that reproduces the given release's kernels as PyTorch's
     * x86-64 builds run them on an AVX2 machine (DESIGN.md's two-argument form).
     *
     * <pre>{@code
     * new TorchGenerator(0, TorchVersion.of("1.13"));
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code version} is null
     */
    public TorchGenerator(long seed, TorchVersion version) {
        this(seed, version, CpuCapability.AVX2);
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
        this.uniform = new UniformFill(engine, version, cpu);
        this.normal = new NormalFill(engine, version, cpu, cache);
    }

    private TorchGenerator(TorchGenerator source) {
        this.engine = source.engine.copy();
        this.cache.copyFrom(source.cache);
        this.version = source.version;
        this.cpu = source.cpu;
        this.uniform = new UniformFill(engine, version, cpu);
        this.normal = new NormalFill(engine, version, cpu, cache);
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
        cache.clear();
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
        return StateCodec.encode(engine, cache);
    }

    /**
     * {@code generator.set_state(state)}: continues from a state made by {@link #getState()} or by PyTorch's
     * {@code torch.get_rng_state()} (e.g. saved with {@code torch.get_rng_state().numpy().tofile(path)}).
     *
     * <pre>{@code
     * gen.setState(Files.readAllBytes(Path.of("rng_state.bin")));
     * }</pre>
     *
     * @throws IllegalArgumentException when the array is not 5056 bytes or does not hold a state PyTorch's
     *                                  generator can be in: {@code seeded} zero, {@code left} outside 1..624,
     *                                  {@code left} and {@code next} not at one position of the stream, state
     *                                  words above 32 bits or all zero, a cached normal that is NaN or
     *                                  infinite; the generator is then left unchanged
     */
    public synchronized void setState(byte[] state) {
        StateCodec.decode(state, engine, cache);
    }

    /**
     * 2.12's {@code randperm} for large n (from source, unverified): the inside-out Fisher–Yates shuffle with one
     * 64-bit draw per element, since a 32-bit draw modulo n would be visibly skewed for n this large.
     */
    long[] insideOutShuffle(int n) {
        long[] permutation = new long[n];
        for (int i = 0; i < n; i++) {
            int z = (int) Long.remainderUnsigned(engine.nextLong(), i + 1L);
            permutation[i] = permutation[z];
            permutation[z] = i;
        }
        return permutation;
    }

    // ------------------------------------------------------------------ Generator

    /** {@code tensor.uniform_(from, to, generator=this)}. */
    @Override
    public synchronized void fillUniform(INDArray tensor, double from, double to) {
        if (tensor.isEmpty()) {
            return;
        }
        ArrayElements sink = ArrayElements.of(tensor);
        uniform.uniform(sink, from, to);
        sink.finish();
    }

    /** {@code tensor.normal_(mean, std, generator=this)}. */
    @Override
    public synchronized void fillNormal(INDArray tensor, double mean, double std) {
        if (tensor.isEmpty()) {
            return;
        }
        ArrayElements sink = ArrayElements.of(tensor);
        normal.normal(sink, mean, std);
        sink.finish();
    }

    /**
     * {@code torch.randperm(n, generator=this)}: consumes {@code n - 1} 32-bit draws (PyTorch's swap shuffle);
     * from 2.12, for {@code n >= 0xffffffff / 20} (214,748,364), {@code n} 64-bit draws (the inside-out
     * shuffle, implemented from PyTorch's source, no 2.12 binary here).
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
        if (version.atLeast(TorchVersion.V2_12) && n >= RANDPERM_SWAP_LIMIT) {
            return insideOutShuffle(n);
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
     * What {@code torch.empty(shape).normal_(mean, std, generator=this)} (an {@code order}-ordered tensor of
     * {@code type}) would hold at the row-major {@code indices} (ascending), rounded to the type, with the stream
     * advanced exactly as by that fill. Where the fill takes PyTorch's 16-element block path (a contiguous tensor
     * of at least 16 elements) only the blocks that hold a wanted index are computed (for float blocks with the AVX2
     * kernel, only the Box–Muller pair behind each wanted index) and the other blocks' words are skipped; otherwise
     * the whole fill is made into a scratch array. For {@code trunc_normal_}'s rejection
     * rounds, which redraw a whole tensor for the few elements still outside the bounds.
     *
     * <pre>{@code
     * double[] v = gen.normalAt(DataType.FLOAT, new long[] {64, 64}, 'c', new long[] {3, 1000}, 0, 1);
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code type} is not floating point, {@code order} is not 'c' or 'f',
     *                                  or an index is out of range or the indices do not ascend
     */
    public synchronized double[] normalAt(DataType type, long[] shape, char order, long[] indices, double mean,
                                          double std) {
        if (type == null || !type.isFPType() || shape == null || indices == null || order != 'c' && order != 'f') {
            throw new IllegalArgumentException("normalAt needs a floating-point type, a shape, indices and order 'c' or"
                    + " 'f', but found type=" + type + ", order=" + order);
        }
        long n = 1;
        int nonTrivial = 0;
        for (long size : shape) {
            n *= size;
            nonTrivial += size != 1 ? 1 : 0;
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= n || k > 0 && indices[k] <= indices[k - 1]) {
                throw new IllegalArgumentException("indices must ascend within [0, " + n + "), but found indices["
                        + k + "]=" + indices[k]);
            }
        }
        if (n >= 16 && (order == 'c' || nonTrivial <= 1)) {
            return normal.blockValuesAt(n, type, mean, std, indices);
        }
        INDArray scratch = org.nd4j.linalg.factory.Nd4j.create(type, shape, order);
        fillNormal(scratch, mean, std);
        ArrayElements values = ArrayElements.of(scratch);
        double[] out = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = values.getDouble(values.positionOf(indices[k]));
        }
        return out;
    }

    /**
     * Advances the stream exactly as {@code tensor.uniform_(a, b, generator=this)} would (one 32-bit draw per
     * element, two for DOUBLE, whatever the bounds, layout or version), without computing or writing anything:
     * the draws of a module's construction-time default that is overwritten right after, as in
     * {@code torchvision}'s ResNet, whose convolutions are drawn by {@code Conv2d.__init__} and then again by
     * {@code kaiming_normal_}. The array is not touched; only its length and dtype are read.
     *
     * <pre>{@code
     * gen.skipUniform(convWeight);          // == conv.weight.uniform_(...) as far as the stream is concerned
     * }</pre>
     *
     * @throws IllegalArgumentException when the array is null or not FLOAT, DOUBLE, HALF or BFLOAT16
     */
    public synchronized void skipUniform(INDArray tensor) {
        if (tensor == null || !tensor.dataType().isFPType()) {
            throw new IllegalArgumentException("tensor must be a floating-point array, but found "
                    + (tensor == null ? "null" : tensor.dataType()));
        }
        engine.skip(tensor.length() * (tensor.dataType() == DataType.DOUBLE ? 2 : 1));
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
        ArrayElements sink = ArrayElements.of(tensor);
        uniform.random(sink);
        sink.finish();
    }
}
