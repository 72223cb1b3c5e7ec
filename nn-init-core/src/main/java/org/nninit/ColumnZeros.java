package org.nninit;

import org.nninit.internal.memory.ArrayElements;

/**
 * The zeros {@code sparse_} puts in a batch of consecutive columns of a row-major matrix, collected column by
 * column (the order the permutations are drawn in) and written row by row. Written as drawn, each zero would land
 * in a random row, a row's length away from the previous one, and miss the cache; sorted by row (a counting sort),
 * the writes sweep the batch's part of the buffer once. Batches hold at most {@link #MAX_RECORDED} zeros, so a
 * matrix of any size needs a bounded scratch (measured before batching: 65536 x 32769 spent minutes in cache
 * misses writing its 1.07e9 zeros column by column).
 */
final class ColumnZeros {

    /** Zeros recorded per batch: 256 MB of int row numbers. */
    private static final long MAX_RECORDED = 1L << 26;

    private final int rows;
    private final long firstColumn;
    private final int perColumn;
    private final int[] rowOf;

    /**
     * @param rows        the matrix's rows
     * @param firstColumn the batch's first column
     * @param columns     the batch's columns, at most {@link #columnsPerBatch}
     * @param perColumn   zeros in each column
     */
    ColumnZeros(int rows, long firstColumn, int columns, int perColumn) {
        this.rows = rows;
        this.firstColumn = firstColumn;
        this.perColumn = perColumn;
        this.rowOf = new int[Math.toIntExact((long) columns * perColumn)];
    }

    /** Columns per batch for {@code perColumn} zeros in each. */
    static int columnsPerBatch(long perColumn) {
        return (int) Math.max(1, MAX_RECORDED / Math.max(1, perColumn));
    }

    /** Records the first {@code perColumn} rows of {@code rowOrder} as the zeros of column {@code col}. */
    void add(long col, long[] rowOrder) {
        int offset = Math.toIntExact((col - firstColumn) * perColumn);
        for (int k = 0; k < perColumn; k++) {
            rowOf[offset + k] = (int) rowOrder[k];
        }
    }

    /** Writes every recorded zero, row by row. */
    void writeTo(ArrayElements elements) {
        int[] rowStart = new int[rows + 1];
        for (int row : rowOf) {
            rowStart[row + 1]++;
        }
        for (int row = 0; row < rows; row++) {
            rowStart[row + 1] += rowStart[row];
        }
        int[] next = rowStart.clone();
        int[] columnByRow = new int[rowOf.length];
        for (int i = 0; i < rowOf.length; i++) {
            columnByRow[next[rowOf[i]]++] = i / perColumn;
        }
        for (int row = 0; row < rows; row++) {
            for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
                elements.putDouble(elements.matrixPosition(row, firstColumn + columnByRow[j]), 0.0);
            }
        }
    }
}
