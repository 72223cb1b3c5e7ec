package org.nninit.random;

import java.util.ArrayDeque;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Overlaps a sequential producer with the finishing of what it produced: each task goes to the common fork-join
 * pool while fewer than {@link #LIMIT} are in flight, and is run by the calling thread otherwise, so that on a
 * 2-core machine both cores stay busy while the caller prepares the next task's input (MT19937's words, which
 * only one thread can draw). Tasks write disjoint outputs; {@link #awaitAll} makes their writes visible.
 */
final class TaskWindow {

    /** Tasks in flight: two per pool thread, so that a finished one is always followed by a queued one. */
    private static final int LIMIT = Math.max(1, ForkJoinPool.commonPool().getParallelism()) * 2;

    private final ArrayDeque<ForkJoinTask<?>> inFlight = new ArrayDeque<>();

    /** Runs {@code task} on the pool, or here when the window is full. */
    void submit(Runnable task) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            inFlight.pollFirst().join();
        }
        if (inFlight.size() < LIMIT) {
            inFlight.addLast(ForkJoinPool.commonPool().submit(task));
        } else {
            task.run();
        }
    }

    /** Waits for every submitted task (rethrowing the first failure). */
    void awaitAll() {
        while (!inFlight.isEmpty()) {
            inFlight.pollFirst().join();
        }
    }
}
