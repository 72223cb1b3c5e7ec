package org.nninit;

/**
 * The zeros {@code sparse_} puts in each column of a dense row-major matrix on the CPU, collected column by column
 * (the order the permutations are drawn in) and written row by row. Written as drawn, each zero would land in a
 * random row, a row's length away from the previous one, and miss the cache; sorted by row (a counting sort),
 * the writes sweep the buffer once.
 */
final class ColumnZeros {

    private final int rows;
    private final int perColumn;
    private final int[] rowOf;

    /**
     * @param rows      the matrix's rows
     * @param cols      its columns
     * @param perColumn zeros in each column; {@code cols * perColumn} must fit an int (see {@link #fits})
     */
    ColumnZeros(int rows, long cols, int perColumn) {
        this.rows = rows;
        this.perColumn = perColumn;
        this.rowOf = new int[Math.toIntExact(cols * perColumn)];
    }

    static boolean fits(long cols, long perColumn) {
        return cols * perColumn <= Integer.MAX_VALUE - 8;
    }

    /** Records the first {@code perColumn} rows of {@code rowOrder} as column {@code col}'s zeros. */
    void add(int col, long[] rowOrder) {
        for (int k = 0; k < perColumn; k++) {
            rowOf[col * perColumn + k] = (int) rowOrder[k];
        }
    }

    /** Writes every recorded zero, row by row, at offset {@code row * rowStride + col * colStride}. */
    void writeTo(HostElements elements, long rowStride, long colStride) {
        int[] rowStart = new int[rows + 1];
        for (int row : rowOf) {
            rowStart[row + 1]++;
        }
        for (int row = 0; row < rows; row++) {
            rowStart[row + 1] += rowStart[row];
        }
        int[] next = rowStart.clone();
        int[] colByRow = new int[rowOf.length];
        for (int i = 0; i < rowOf.length; i++) {
            colByRow[next[rowOf[i]]++] = i / perColumn;
        }
        for (int row = 0; row < rows; row++) {
            for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
                elements.put((int) (row * rowStride + colByRow[j] * colStride), 0.0);
            }
        }
    }
}
