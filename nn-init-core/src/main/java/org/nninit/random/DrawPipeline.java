package org.nninit.random;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Splits a large fill into its sequential part and its parallel part. The calling thread takes the MT19937
 * state words of one segment after another (the twist is the only step that depends on the previous output);
 * each segment is then finished (tempered, converted to values, transformed, stored) by a {@link Finisher} on
 * the common fork-join pool, while the next segment is drawn. When every pool thread is busy the calling
 * thread finishes the segment itself, so a 2-core machine keeps both cores on the fill.
 *
 * <p>A segment's values depend only on its own words and its position, so the values never depend on the
 * number of threads. Segment buffers are recycled: a fill allocates a few of them, not one per segment.
 */
final class DrawPipeline {

    /** Elements per segment: a multiple of 16 (Box–Muller blocks), and 384 KiB of buffers, about L2. */
    static final int SEGMENT = 1 << 15;

    /** Finishes one segment: {@code words[0..count)} are untempered state words for linear positions {@code start..}. */
    @FunctionalInterface
    interface Finisher {
        void finish(int[] words, float[] scratch, int count, long start);
    }

    private DrawPipeline() {
    }

    /** Draws {@code total} words from {@code engine} (positions 0..total-1) and finishes them all. */
    static void run(Mt19937 engine, long total, Finisher finisher) {
        ConcurrentLinkedQueue<Buffers> free = new ConcurrentLinkedQueue<>();
        TaskWindow window = new TaskWindow();
        for (long start = 0; start < total; start += SEGMENT) {
            int count = (int) Math.min(SEGMENT, total - start);
            Buffers buffers = free.poll();
            if (buffers == null) {
                buffers = new Buffers();
            }
            engine.nextUntempered(buffers.words, 0, count);
            long at = start;
            Buffers segment = buffers;
            window.submit(() -> {
                finisher.finish(segment.words, segment.values, count, at);
                free.add(segment);
            });
        }
        window.awaitAll();
    }

    private static final class Buffers {
        final int[] words = new int[SEGMENT];
        final float[] values = new float[SEGMENT];
    }
}
