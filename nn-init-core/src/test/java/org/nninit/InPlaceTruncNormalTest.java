package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nninit.random.Nd4jGenerator;
import org.nninit.random.TorchGenerator;

/**
 * trunc_normal's passes over a dense array, a strided view (both in place through ArrayElements) and the staged
 * path other backends take: the same draws must give the same values, and in-place writes must stay inside the
 * array.
 */
class InPlaceTruncNormalTest {

    private static final double SENTINEL = 7.0;
    private static final int ROWS = 96;
    private static final int COLS = 333;

    private static Nd4jGenerator seeded() {
        return Nd4jGenerator.of(Nd4j.getRandomFactory().getNewRandomInstance(1234));
    }

    /**
     * ND4J's generator fills a strided view through a dense temporary of the same shape, so the dense array
     * and the view see the same normal draws and the same redraw batches.
     */
    @ParameterizedTest
    @EnumSource(TruncNormalMethod.class)
    void inPlaceEqualsStaged(TruncNormalMethod method) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray dense = Nd4j.create(type, ROWS, COLS);
            INDArray parent = Nd4j.valueArrayOf(new long[] {ROWS, 2 * COLS}, SENTINEL, type);
            INDArray view = parent.get(NDArrayIndex.all(), NDArrayIndex.interval(COLS, 2 * COLS));

            Init.truncNormal(dense, 0.1, 1.0, -1.0, 1.5, method, seeded());
            Init.truncNormal(view, 0.1, 1.0, -1.0, 1.5, method, seeded());

            assertThat(RowMajor.readDoubles(dense)).containsExactly(RowMajor.readDoubles(view));
            assertThat(RowMajor.readDoubles(parent.get(NDArrayIndex.all(), NDArrayIndex.interval(0, COLS))))
                    .containsOnly(SENTINEL);
        }
    }

    /** A DL4J-style 'f'-order parameter view in the middle of a flat buffer is filled in place, neighbours kept. */
    @ParameterizedTest
    @EnumSource(TruncNormalMethod.class)
    void flatParameterViewKeepsItsNeighbours(TruncNormalMethod method) {
        INDArray flat = Nd4j.valueArrayOf(new long[] {1, 3 * ROWS * COLS}, SENTINEL, DataType.FLOAT);
        INDArray weight = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(ROWS * COLS, 2 * ROWS * COLS))
                .reshape('f', ROWS, COLS);

        Init.truncNormal(weight, 0, 1, -2, 2, method, seeded());

        assertThat(flat.getDouble(0, ROWS * COLS)).isNotEqualTo(SENTINEL);
        for (double v : RowMajor.readDoubles(weight)) {
            assertThat(v).isBetween(-2.0, 2.0);
        }
        for (long i = 0; i < ROWS * COLS; i++) {
            assertThat(flat.getDouble(0, i)).isEqualTo(SENTINEL);
            assertThat(flat.getDouble(0, 2L * ROWS * COLS + i)).isEqualTo(SENTINEL);
        }
    }

    /** The staged path (what other backends run) gives the values the in-place path gives. */
    @ParameterizedTest
    @EnumSource(TruncNormalMethod.class)
    void torchGeneratorValuesDoNotDependOnThePath(TruncNormalMethod method) {
        INDArray inPlace = Nd4j.create(DataType.FLOAT, ROWS, COLS);

        Init.truncNormal(inPlace, 0, 1, -0.5, 0.5, method, new TorchGenerator(3));
        INDArray staged = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        switch (method) {
            case REJECTION -> TruncatedNormal.rejection(staged, 0, 1, -0.5, 0.5, new TorchGenerator(3), false);
            case INVERSE_CDF -> TruncatedNormal.inverseCdf(staged, 0, 1, -0.5, 0.5, new TorchGenerator(3), false);
            default -> TruncatedNormal.preciseInverseCdf(staged, 0, 1, -0.5, 0.5, new TorchGenerator(3), false);
        }

        assertThat(RowMajor.readFloats(inPlace)).containsExactly(RowMajor.readFloats(staged));
    }
}
