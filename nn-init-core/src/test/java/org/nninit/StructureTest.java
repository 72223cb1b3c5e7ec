package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Exact checks of the deterministic and structured initializers. */
class StructureTest {

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(99);
    }

    @Test
    void constantOnesZeros() {
        INDArray t = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertThat(RowMajor.readDoubles(Init.constant(t, 0.3))).containsOnly((double) 0.3f);
        assertThat(RowMajor.readDoubles(Init.ones(t))).containsOnly(1.0);
        assertThat(RowMajor.readDoubles(Init.zeros(t))).containsOnly(0.0);
    }

    @ParameterizedTest
    @CsvSource({"3, 5", "5, 3", "4, 4"})
    void eyeIsTheRectangularIdentity(int rows, int cols) {
        INDArray t = Init.eye(Nd4j.rand(DataType.FLOAT, rows, cols));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertThat(t.getDouble(i, j)).isEqualTo(i == j ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void diracPutsOneAtTheKernelCentrePerGroup() {
        // dirac_(torch.empty(6, 4, 3, 3), groups=2): 3 output channels per group, min(3, 4) = 3 preserved.
        INDArray t = Init.dirac(Nd4j.rand(DataType.FLOAT, 6, 4, 3, 3), 2);
        assertThat(t.sumNumber().doubleValue()).isEqualTo(6.0);
        for (int group = 0; group < 2; group++) {
            for (int d = 0; d < 3; d++) {
                assertThat(t.getDouble(group * 3 + d, d, 1, 1)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void diracInOneThreeAndFiveDimensions() {
        INDArray temporal = Init.dirac(Nd4j.rand(DataType.FLOAT, 2, 3, 4));   // centre 4 // 2 = 2
        assertThat(temporal.sumNumber().doubleValue()).isEqualTo(2.0);
        assertThat(temporal.getDouble(0, 0, 2)).isEqualTo(1.0);
        assertThat(temporal.getDouble(1, 1, 2)).isEqualTo(1.0);

        INDArray volumetric = Init.dirac(Nd4j.rand(DataType.DOUBLE, 3, 2, 3, 2, 5));   // min(3, 2) = 2
        assertThat(volumetric.sumNumber().doubleValue()).isEqualTo(2.0);
        assertThat(volumetric.getDouble(1, 1, 1, 1, 2)).isEqualTo(1.0);
    }

    /** W^T W = gain^2 I for tall (or square) shapes and W W^T = gain^2 I for wide ones. */
    @ParameterizedTest
    @CsvSource({"16, 16, 1.0", "40, 10, 1.0", "10, 40, 2.0", "7, 1, 0.5"})
    void orthogonalRowsOrColumns(int rows, int cols, double gain) {
        INDArray w = Init.orthogonal(Nd4j.create(DataType.DOUBLE, rows, cols), gain);
        INDArray gram = rows >= cols ? w.transpose().mmul(w) : w.mmul(w.transpose());
        INDArray expected = Nd4j.eye(Math.min(rows, cols)).castTo(DataType.DOUBLE).muli(gain * gain);
        assertThat(gram.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void orthogonalFlattensTrailingDimensions() {
        INDArray w = Init.orthogonal(Nd4j.create(DataType.FLOAT, 8, 4, 3, 3));   // viewed as [8, 36]
        INDArray flat = w.reshape('c', 8, 36);
        INDArray gram = flat.mmul(flat.transpose());
        assertThat(gram.sub(Nd4j.eye(8).castTo(DataType.FLOAT)).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void orthogonalIsNotTheSameMatrixTwice() {
        INDArray first = Init.orthogonal(Nd4j.create(DataType.DOUBLE, 6, 6));
        INDArray second = Init.orthogonal(Nd4j.create(DataType.DOUBLE, 6, 6));
        assertThat(first.sub(second).amaxNumber().doubleValue()).isGreaterThan(0.01);
    }

    /**
     * The sign correction makes Q Haar-distributed: without it LAPACK's Householder QR returns R with a
     * fixed-sign diagonal and the first column of Q has a biased sign. Over 400 draws of a 3x3 the mean of
     * Q[0][0] is 0 +- 3 * sqrt(1/3 / 400) = +-0.087 for the Haar measure.
     */
    @Test
    void orthogonalFirstEntryHasNoSignBias() {
        double sum = 0;
        int draws = 400;
        for (int i = 0; i < draws; i++) {
            sum += Init.orthogonal(Nd4j.create(DataType.DOUBLE, 3, 3)).getDouble(0, 0);
        }
        assertThat(sum / draws).isCloseTo(0.0, within(0.087));
    }

    @ParameterizedTest
    @CsvSource({"10, 7, 0.1", "10, 7, 0.35", "9, 3, 0.0", "9, 3, 1.0", "50, 20, 0.9"})
    void sparseHasExactlyCeilSparsityTimesRowsZerosPerColumn(int rows, int cols, double sparsity) {
        INDArray t = Init.sparse(Nd4j.create(DataType.FLOAT, rows, cols), sparsity, 1.0);
        long expectedZeros = (long) Math.ceil(sparsity * rows);
        for (int col = 0; col < cols; col++) {
            INDArray column = t.getColumn(col);
            long zeros = 0;
            for (int row = 0; row < rows; row++) {
                if (column.getDouble(row) == 0.0) {
                    zeros++;
                }
            }
            assertThat(zeros).as("zeros in column %d", col).isEqualTo(expectedZeros);
        }
    }

    @Test
    void sparseZeroRowsDifferBetweenColumns() {
        INDArray t = Init.sparse(Nd4j.create(DataType.FLOAT, 100, 2), 0.5);
        INDArray firstZero = t.getColumn(0).eq(0.0).castTo(DataType.FLOAT);
        INDArray secondZero = t.getColumn(1).eq(0.0).castTo(DataType.FLOAT);
        assertThat(firstZero.sub(secondZero).amaxNumber().doubleValue()).isEqualTo(1.0);
    }
}
