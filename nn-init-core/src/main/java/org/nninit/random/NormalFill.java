package org.nninit.random;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.nd4j.linalg.api.buffer.DataType;
import org.nninit.internal.ReducedFloat;
import org.nninit.internal.memory.ArrayElements;
import org.nninit.internal.memory.TensorWalk;

/**
 * PyTorch's {@code normal_} on one generator's stream: the 16-element block paths of a contiguous tensor of at
 * least 16 elements (all uniforms first, then Box–Muller per block, the last 16 redrawn when the size is not a
 * multiple of 16), and the per-element {@code normal_distribution<double>} path with the generator's cached
 * sample otherwise. The transforms themselves are {@link BoxMullerKernel} and {@link NormalKernels}. The caller
 * holds the generator's lock.
 */
final class NormalFill {

    /** Elements per parallel task: a multiple of 16, so tasks hold whole Box–Muller blocks. */
    private static final int SEGMENT = 1 << 14;
    /** DOUBLE block draws per batch handed to the C library's log/sin/cos: a multiple of 16. */
    private static final int DOUBLE_SEGMENT = 1 << 13;
    /** Wanted float blocks gathered and transformed together by {@link #blockValuesAt}. */
    private static final int BATCH_BLOCKS = 1 << 10;
    /** Per-element normal pairs per batch. */
    private static final int PAIR_BATCH = 1 << 12;

    private final Mt19937 engine;
    private final CpuCapability cpu;
    private final NormalKernels kernels;
    private final NormalCache cache;
    /**
     * PyTorch 2.12 and later (from source, unverified: no 2.12 binary here): HALF/BFLOAT16 blocks run the float
     * Box–Muller on a float buffer, one block of 16 at a time, and are cast.
     */
    private final boolean floatBlocksForReduced;

    NormalFill(Mt19937 engine, TorchVersion version, CpuCapability cpu, NormalCache cache) {
        this.engine = engine;
        this.cpu = cpu;
        this.kernels = new NormalKernels(version, cpu);
        this.cache = cache;
        this.floatBlocksForReduced = version.atLeast(TorchVersion.V2_12);
    }

    /** {@code tensor.normal_(mean, std)} into {@code sink}. */
    void normal(ArrayElements sink, double mean, double std) {
        if (sink.length() >= 16 && sink.contiguous()) {
            if (sink.isDouble()) {
                normalBlocksDouble(sink, mean, std);
            } else if (sink.isReduced()) {
                normalBlocksReduced(sink, mean, std);
            } else if (cpu == CpuCapability.AVX2) {
                normalBlocksFloat(sink, (float) mean, (float) std);
            } else {
                normalBlocksScalarFloat(sink, (float) mean, (float) std);
            }
        } else {
            normalPerElement(sink, mean, std);
        }
    }

    /** {@code at::normal_distribution<double>} per element, with the generator's cached second sample. */
    private void normalPerElement(ArrayElements sink, double mean, double std) {
        TensorWalk.Cursor cursor = sink.walk();
        long n = sink.length();
        long done = 0;
        if (cache.hasDouble) {
            cache.hasDouble = false;
            putNormal(sink, cursor, kernels.affine(cache.nextDouble, std, mean));
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
                cache.nextDouble = samples[2 * pairs - 1];
                cache.hasDouble = true;
            }
            done += used;
        }
    }

    private static void putNormal(ArrayElements sink, TensorWalk.Cursor cursor, double value) {
        if (sink.isDouble()) {
            sink.putDouble(cursor.next(), value);
        } else {
            // static_cast<scalar_t>(double); HALF/BFLOAT16 go through float, as c10 converts.
            sink.putFloat(cursor.next(), (float) value);
        }
    }

    /**
     * The float block kernel. State words are taken in stream order one segment at a time (the twist is
     * sequential); tempering, conversion and each segment's blocks run on the fork-join pool while the next
     * segment is drawn ({@link DrawPipeline}).
     */
    private void normalBlocksFloat(ArrayElements sink, float mean, float std) {
        long n = sink.length();
        long fullBlocks = n / 16;
        long blockElements = fullBlocks * 16;
        ArrayElements out = sink;
        if (n < UniformFill.PARALLEL_THRESHOLD) {
            float[] segment = new float[(int) Math.min(SEGMENT, blockElements)];
            int[] draws = new int[segment.length];
            for (long start = 0; start < blockElements; start += segment.length) {
                int count = (int) Math.min(segment.length, blockElements - start);
                drawUnitFloats(draws, segment, count);
                transformAndStore(segment, count, start, out, mean, std);
            }
        } else {
            DrawPipeline.run(engine, blockElements, (words, values, count, start) -> {
                TorchMath.unitFloatsFromWords(words, values, count);
                transformAndStore(values, count, start, out, mean, std);
            });
        }
        finishTail(n, out, mean, std);
    }

    private void finishTail(long n, ArrayElements out, float mean, float std) {
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

    private void drawUnitFloats(int[] draws, float[] into, int count) {
        engine.nextInts(draws, 0, count);
        for (int k = 0; k < count; k++) {
            into[k] = TorchMath.unitFloat(draws[k]);
        }
    }

    private static void transformAndStore(float[] values, int count, long start, ArrayElements out, float mean,
                                          float std) {
        // PyTorch's AVX2 block transform on each block of 16, in passes C2 vectorises (bit-identical, tested).
        BoxMullerKernel.transform(values, count, mean, std);
        out.putFloats(start, values, count);
    }

    private void normalBlocksDouble(ArrayElements sink, double mean, double std) {
        long n = sink.length();
        long blockElements = n / 16 * 16;
        double[] segment = new double[(int) Math.min(DOUBLE_SEGMENT, blockElements)];
        ArrayElements out = sink;
        for (long start = 0; start < blockElements; start += segment.length) {
            int count = (int) Math.min(segment.length, blockElements - start);
            for (int k = 0; k < count; k++) {
                segment[k] = TorchMath.unitDouble(engine.nextLong());
            }
            kernels.doubleBlocks(segment, count, mean, std);
            out.putDoubles(start, segment, count);
        }
        if (n % 16 != 0) {
            engine.skip(2 * (n % 16));
            double[] block = new double[16];
            for (int k = 0; k < 16; k++) {
                block[k] = TorchMath.unitDouble(engine.nextLong());
            }
            kernels.doubleBlocks(block, 16, mean, std);
            out.putDoubles(n - 16, block, 16);
        }
    }

    /** FLOAT without AVX2: the scalar block kernel, one block of 16 at a time. */
    private void normalBlocksScalarFloat(ArrayElements sink, float mean, float std) {
        long n = sink.length();
        long blockElements = n / 16 * 16;
        float[] block = new float[16];
        int[] draws = new int[16];
        for (long start = 0; start < blockElements; start += 16) {
            drawUnitFloats(draws, block, 16);
            kernels.floatBlock(block, 0, mean, std);
            sink.putFloats(start, block, 16);
        }
        if (n % 16 != 0) {
            engine.skip(n % 16);
            drawUnitFloats(draws, block, 16);
            kernels.floatBlock(block, 0, mean, std);
            sink.putFloats(n - 16, block, 16);
        }
    }

    private void normalBlocksReduced(ArrayElements sink, double meanDouble, double stdDouble) {
        if (floatBlocksForReduced) {
            normalFloatBlocksForReduced(sink, (float) meanDouble, (float) stdDouble);
            return;
        }
        boolean bf16 = sink.isBfloat16();
        int digits = bf16 ? 8 : 11;
        float mean = ReducedFloat.round((float) meanDouble, bf16);
        float std = ReducedFloat.round((float) stdDouble, bf16);
        long n = sink.length();
        long blockElements = n / 16 * 16;
        float[] block = new float[16];
        ArrayElements out = sink;
        for (long start = 0; start < blockElements; start += 16) {
            for (int k = 0; k < 16; k++) {
                block[k] = TorchMath.unitReduced(engine.nextInt(), digits);
            }
            kernels.reducedBlock(block, 0, mean, std, bf16);
            out.putFloats(start, block, 16);
        }
        if (n % 16 != 0) {
            engine.skip(n % 16);
            for (int k = 0; k < 16; k++) {
                block[k] = TorchMath.unitReduced(engine.nextInt(), digits);
            }
            kernels.reducedBlock(block, 0, mean, std, bf16);
            out.putFloats(n - 16, block, 16);
        }
    }

    /**
     * 2.12 HALF/BFLOAT16: each block of 16 in order, the last one partial, draws 16 float uniforms and runs the
     * float kernel of this CPU kind in float (mean and std as floats); the block's first values are cast. So
     * {@code 16 * ceil(n / 16)} draws, where FLOAT takes {@code n} plus a redrawn last block.
     */
    private void normalFloatBlocksForReduced(ArrayElements sink, float mean, float std) {
        long n = sink.length();
        float[] block = new float[16];
        int[] draws = new int[16];
        for (long start = 0; start < n; start += 16) {
            drawUnitFloats(draws, block, 16);
            transformFloatBlocks(block, 16, mean, std);
            sink.putFloats(start, block, (int) Math.min(16, n - start));
        }
    }

    /**
     * The values {@code normal_(mean, std)} would put at row-major {@code indices} (ascending) of a fresh contiguous
     * tensor of {@code n >= 16} elements of {@code type} (the block paths), rounded to the type, with the engine
     * advanced exactly as by the whole fill: only the 16-element blocks that hold a wanted index are computed (with
     * the AVX2 float kernel only the Box–Muller pair behind each wanted index), and the words of the others are
     * skipped (MT19937 still twists them). The blocks' word layout is the fill's:
     * {@code w} words an element (2 for DOUBLE), blocks in order, then, when 16 does not divide {@code n}, the
     * partial block's words skipped and a last block of 16 drawn for positions {@code n - 16 ..} (up to 2.11 and
     * for FLOAT/DOUBLE); 2.12's HALF/BFLOAT16 instead draw a whole 16 for the partial last block.
     */
    double[] blockValuesAt(long n, DataType type, double mean, double std, long[] indices) {
        boolean isDouble = type == DataType.DOUBLE;
        boolean reduced = type == DataType.HALF || type == DataType.BFLOAT16;
        boolean bf16 = type == DataType.BFLOAT16;
        boolean partialLast = reduced && floatBlocksForReduced;
        int words = isDouble ? 2 : 1;
        long mainBlocks = partialLast ? (n + 15) / 16 : n / 16;
        long tailFrom = !partialLast && n % 16 != 0 ? n - 16 : n;
        double[] out = new double[indices.length];
        float[] block = new float[16];
        double[] doubleBlock = new double[16];
        long consumed = 0;
        int k = 0;
        if (!isDouble && (!reduced || floatBlocksForReduced)) {
            consumed = floatBlockValuesAt(indices, tailFrom, (float) mean, (float) std, reduced, bf16, out);
            k = insertionPoint(indices, tailFrom);
        }
        while (k < indices.length && indices[k] < tailFrom) {
            long b = indices[k] / 16;
            engine.skip(16 * b * words - consumed);
            drawBlock(isDouble, reduced, bf16, mean, std, block, doubleBlock);
            consumed = 16 * (b + 1) * words;
            for (; k < indices.length && indices[k] < tailFrom && indices[k] / 16 == b; k++) {
                out[k] = blockValue(isDouble, reduced, bf16, block, doubleBlock, (int) (indices[k] - 16 * b));
            }
        }
        engine.skip(16 * mainBlocks * words - consumed);
        if (tailFrom < n) {
            engine.skip(n % 16 * words);
            drawBlock(isDouble, reduced, bf16, mean, std, block, doubleBlock);
            for (; k < indices.length; k++) {
                out[k] = blockValue(isDouble, reduced, bf16, block, doubleBlock, (int) (indices[k] - tailFrom));
            }
        }
        return out;
    }

    /** One block of 16 from the next 16 elements' words, as the block paths of {@link #normal} compute it. */
    private void drawBlock(boolean isDouble, boolean reduced, boolean bf16, double mean, double std, float[] block,
                           double[] doubleBlock) {
        if (isDouble) {
            for (int j = 0; j < 16; j++) {
                doubleBlock[j] = TorchMath.unitDouble(engine.nextLong());
            }
            kernels.doubleBlocks(doubleBlock, 16, mean, std);
        } else if (reduced && !floatBlocksForReduced) {
            for (int j = 0; j < 16; j++) {
                block[j] = TorchMath.unitReduced(engine.nextInt(), bf16 ? 8 : 11);
            }
            kernels.reducedBlock(block, 0, ReducedFloat.round((float) mean, bf16),
                    ReducedFloat.round((float) std, bf16), bf16);
        } else {
            drawUnitFloats(new int[16], block, 16);
            transformFloatBlocks(block, 16, (float) mean, (float) std);
        }
    }

    /**
     * {@link #blockValuesAt} for the float block kernels, for every wanted index below {@code tailFrom}; returns the
     * words consumed. The words of the wanted blocks are gathered a batch of {@link #BATCH_BLOCKS} at a time (the
     * only sequential part) and finished on the pool while the next batch is gathered: the block kernel's passes
     * pay off only over many values (one block at a time cost ~550 ns).
     */
    private long floatBlockValuesAt(long[] indices, long tailFrom, float mean, float std, boolean reduced,
                                    boolean bf16, double[] out) {
        ConcurrentLinkedQueue<BlockBatch> free = new ConcurrentLinkedQueue<>();
        TaskWindow window = new TaskWindow();
        int capacity = (int) Math.min(BATCH_BLOCKS, indices.length);
        long consumed = 0;
        int k = 0;
        while (k < indices.length && indices[k] < tailFrom) {
            BlockBatch batch = free.poll();
            if (batch == null) {
                batch = new BlockBatch(capacity, cpu == CpuCapability.AVX2);
            }
            int from = k;
            int blocks = 0;
            for (; k < indices.length && indices[k] < tailFrom; k++) {
                long b = indices[k] / 16;
                if (blocks == 0 || batch.block[blocks - 1] != b) {
                    if (blocks == capacity) {
                        break;
                    }
                    batch.block[blocks] = b;
                    batch.start[blocks++] = 16 * b - consumed;
                }
            }
            engine.gather(batch.start, blocks, 16, batch.words);
            consumed = 16 * (batch.block[blocks - 1] + 1);
            BlockBatch full = batch;
            int count = blocks;
            int to = k;
            window.submit(() -> {
                if (cpu == CpuCapability.AVX2) {
                    wantedPairs(full, count, indices, from, to, out, mean, std, reduced, bf16);
                } else {
                    wantedBlocks(full, count, indices, from, to, out, mean, std, reduced, bf16);
                }
                free.add(full);
            });
        }
        window.awaitAll();
        return consumed;
    }

    /** The first position of the ascending {@code indices} at or above {@code value}. */
    private static int insertionPoint(long[] indices, long value) {
        int at = Arrays.binarySearch(indices, value);
        return at >= 0 ? at : -at - 1;
    }

    /** The wanted values of a batch with the portable float kernel: whole blocks, one at a time. */
    private void wantedBlocks(BlockBatch batch, int blocks, long[] indices, int from, int to, double[] out,
                              float mean, float std, boolean reduced, boolean bf16) {
        TorchMath.unitFloatsFromWords(batch.words, batch.values, 16 * blocks);
        transformFloatBlocks(batch.values, 16 * blocks, mean, std);
        for (int j = 0, at = from; j < blocks; j++) {
            long b = batch.block[j];
            for (; at < to && indices[at] / 16 == b; at++) {
                float v = batch.values[16 * j + (int) (indices[at] - 16 * b)];
                out[at] = reduced ? ReducedFloat.round(v, bf16) : v;
            }
        }
    }

    /**
     * The wanted values of a batch with the AVX2 kernel: each comes from one Box–Muller pair of its block (lane
     * {@code j = position & 7}: the cosine at j, the sine at j + 8), so only those pairs are computed, not the
     * blocks' other values (at [-2σ, 2σ] the first round wants 0.76M values from 0.55M blocks, 4.4M pairs).
     */
    private static void wantedPairs(BlockBatch batch, int blocks, long[] indices, int from, int to, double[] out,
                                    float mean, float std, boolean reduced, boolean bf16) {
        Mt19937.temper(batch.words, 0, 16 * blocks);
        for (int j = 0, at = from; j < blocks; j++) {
            long b = batch.block[j];
            for (; at < to && indices[at] / 16 == b; at++) {
                int lane = (int) (indices[at] - 16 * b) & 7;
                batch.values[at - from] = TorchMath.unitFloat(batch.words[16 * j + lane]);
                batch.second[at - from] = TorchMath.unitFloat(batch.words[16 * j + 8 + lane]);
            }
        }
        int pairs = to - from;
        BoxMullerKernel.components(batch.values, batch.second, batch.radius, batch.sin, batch.cos, pairs);
        for (int at = from; at < to; at++) {
            int q = at - from;
            float circular = indices[at] % 16 < 8 ? batch.cos[q] : batch.sin[q];
            float v = Math.fma(batch.radius[q] * circular, std, mean);
            out[at] = reduced ? ReducedFloat.round(v, bf16) : v;
        }
    }

    /**
     * Buffers of one batch of {@link #blockValuesAt}: the blocks' words and numbers; the values of whole blocks,
     * or the wanted pairs' two uniforms ({@code values}, {@code second}) and their Box–Muller components.
     */
    private static final class BlockBatch {
        final int[] words;
        final float[] values;
        final long[] block;
        /** The blocks' first words, counted from where the batch's gathering starts. */
        final long[] start;
        final float[] second;
        final float[] radius;
        final float[] sin;
        final float[] cos;

        /** {@code pairs}: room for the wanted pairs' components too (the AVX2 kernel). */
        BlockBatch(int blocks, boolean pairs) {
            int pairCapacity = pairs ? 16 * blocks : 0;
            words = new int[16 * blocks];
            values = new float[16 * blocks];
            block = new long[blocks];
            start = new long[blocks];
            second = new float[pairCapacity];
            radius = new float[pairCapacity];
            sin = new float[pairCapacity];
            cos = new float[pairCapacity];
        }
    }

    /** The float block transform of this CPU kind on each block of 16 in {@code values[0..count)}. */
    private void transformFloatBlocks(float[] values, int count, float mean, float std) {
        if (cpu == CpuCapability.AVX2) {
            BoxMullerKernel.transform(values, count, mean, std);
        } else {
            for (int at = 0; at < count; at += 16) {
                kernels.floatBlock(values, at, mean, std);
            }
        }
    }

    /** A block's value as the fill stores it: the float rounded to HALF/BFLOAT16 where the tensor is one. */
    private static double blockValue(boolean isDouble, boolean reduced, boolean bf16, float[] block,
                                     double[] doubleBlock, int at) {
        if (isDouble) {
            return doubleBlock[at];
        }
        return reduced ? ReducedFloat.round(block[at], bf16) : block[at];
    }
}
