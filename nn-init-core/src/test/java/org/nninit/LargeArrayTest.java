package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.TorchGenerator;

/**
 * Arrays of more than 2^31 elements, where int indices overflow and ND4J's uniform op repeats itself. About 9 GB
 * each, so they run only with {@code mvn -B test -Plarge -pl nn-init-core}; the timings are in the closing notes of
 * issue #10 and {@code docs/PERFORMANCE.md}.
 */
@Tag("large")
class LargeArrayTest {

    private static final long N = (1L << 31) + 17;
    private static final float SENTINEL = 1000f;

    @AfterEach
    void releaseNativeMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    /** A FLOAT vector of N elements whose last 17 hold a value no fill produces. */
    private static INDArray vectorWithSentinelTail(DataType type) {
        INDArray t = Nd4j.create(type, N);
        for (long i = N - 17; i < N; i++) {
            t.putScalar(i, SENTINEL);
        }
        return t;
    }

    private static void assertTailWrittenWithin(INDArray t, double low, double high) {
        for (long i = N - 17; i < N; i++) {
            assertThat(t.getDouble(i)).as("element %d", i).isBetween(low, high);
        }
    }

    @Test
    void defaultGeneratorUniformDoesNotRepeatAfter2To31Elements() {
        long start = System.nanoTime();
        INDArray t = Init.uniform(vectorWithSentinelTail(DataType.FLOAT), 0, 1);
        report("uniform, default generator, FLOAT", start);
        int repeats = 0;
        for (long k = 0; k < 17; k++) {
            repeats += t.getDouble((1L << 31) + k) == t.getDouble(k) ? 1 : 0;
        }
        assertThat(repeats).as("x[2^31 + k] == x[k] for k < 17").isLessThan(2);
        assertTailWrittenWithin(t, 0, 1);
    }

    @Test
    void truncNormalWritesEveryElementInBounds() {
        INDArray t = vectorWithSentinelTail(DataType.FLOAT);
        long start = System.nanoTime();
        Init.truncNormal(t, 0, 1, -2, 2);
        report("truncNormal (REJECTION), default generator, FLOAT", start);
        assertThat(t.minNumber().doubleValue()).isGreaterThanOrEqualTo(-2);
        assertThat(t.maxNumber().doubleValue()).isLessThanOrEqualTo(2);
        assertTailWrittenWithin(t, -2, 2);
    }

    @Test
    void torchGeneratorNormalKeepsItsStreamPast2To31() {
        INDArray t = vectorWithSentinelTail(DataType.FLOAT);
        long start = System.nanoTime();
        Init.normal(t, 0, 1, new TorchGenerator(7));
        report("normal, TorchGenerator, FLOAT", start);
        // The block kernel's first block is what a 16-element tensor gets from the same seed.
        INDArray head = Init.normal(Nd4j.create(DataType.FLOAT, 16), 0, 1, new TorchGenerator(7));
        for (int i = 0; i < 16; i++) {
            assertThat(t.getFloat(i)).isEqualTo(head.getFloat(i));
        }
        assertTailWrittenWithin(t, -10, 10);
    }

    @Test
    void torchGeneratorFillsHalfArraysPast2To31() {
        INDArray t = vectorWithSentinelTail(DataType.HALF);
        long start = System.nanoTime();
        Init.uniform(t, -1, 1, new TorchGenerator(3));
        report("uniform, TorchGenerator, HALF", start);
        INDArray head = Init.uniform(Nd4j.create(DataType.HALF, 16), -1, 1, new TorchGenerator(3));
        for (int i = 0; i < 16; i++) {
            assertThat(t.getFloat(i)).isEqualTo(head.getFloat(i));
        }
        assertTailWrittenWithin(t, -1, 1);
    }

    @Test
    void sparseOnAMatrixOfMoreThan2To31ElementsHasExactZerosPerColumn() {
        INDArray t = Nd4j.create(DataType.FLOAT, 65536, 32769);
        long start = System.nanoTime();
        Init.sparse(t, 0.5, 0.01);
        report("sparse 65536 x 32769, default generator", start);
        for (long col : new long[] {0, 1, 16384, 32767, 32768}) {
            INDArray column = t.getColumn(col).dup();
            long zeros = column.length() - column.neq(0.0).castTo(DataType.INT).sumNumber().longValue();
            assertThat(zeros).as("zeros in column %d", col).isEqualTo(32768);
        }
    }

    @Test
    void sparseRefusesMoreRowsThanAPermutationHoldsBeforeDrawing() {
        INDArray t = Nd4j.create(DataType.FLOAT, N, 1);
        t.putScalar(N - 1, 0, SENTINEL);
        assertThatThrownBy(() -> Init.sparse(t, 0.5, 0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("randperm(rows)").hasMessageContaining(String.valueOf(N));
        assertThat(t.getFloat(N - 1, 0)).isEqualTo(SENTINEL);
    }

    private static void report(String what, long startNanos) {
        System.out.printf("LargeArrayTest: %s on %,d elements: %.1f s%n", what, N, (System.nanoTime() - startNanos) / 1e9);
    }
}
