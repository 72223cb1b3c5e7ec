package org.nninit.random;

import org.nninit.internal.ReducedFloat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nninit.Init;
import org.nninit.RowMajor;

/** Stream positions, kernels, visiting order and state bytes of {@link TorchGenerator}. */
class TorchGeneratorTest {

    /** What {@code uniform_(from, to)} gives a float element for a 32-bit draw. */
    private static float uniformFloat(long draw, double from, double to) {
        float f = (float) from;
        return ((draw & 0xffffff) * 0x1.0p-24f) * ((float) to - f) + f;
    }

    private static float[] blockNormals(TorchGenerator reference, int count, float mean, float std) {
        float[] block = new float[count];
        for (int k = 0; k < count; k++) {
            block[k] = uniformFloat(reference.random(), 0, 1);
        }
        for (int at = 0; at + 16 <= count; at += 16) {
            AvxBoxMullerReference.boxMullerBlock(block, at, mean, std);
        }
        return block;
    }

    /** Reference per-element double normal without cache handling beyond one pair. */
    private static double[] pairNormal(TorchGenerator reference) {
        double u1 = (reference.random64() & ((1L << 53) - 1)) * 0x1.0p-53;
        double u2 = (reference.random64() & ((1L << 53) - 1)) * 0x1.0p-53;
        double r = Math.sqrt(-2 * StrictMath.log1p(-u2));
        double theta = 2 * Math.PI * u1;
        return new double[] {r * StrictMath.cos(theta), r * StrictMath.sin(theta)};
    }

    @Test
    void uniformFloatTakesOneDrawPerElementAndItsLow24Bits() {
        TorchGenerator gen = new TorchGenerator(7);
        TorchGenerator reference = gen.copy();
        INDArray t = Nd4j.create(DataType.FLOAT, 5, 7);
        Init.uniform(t, -0.3, 0.7, gen);
        float[] actual = RowMajor.readFloats(t);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isEqualTo(uniformFloat(reference.random(), -0.3, 0.7));
        }
        assertThat(gen.random()).as("stream position after 35 draws").isEqualTo(reference.random());
    }

    @Test
    void uniformDoubleTakesOneRandom64PerElementAnd53Bits() {
        TorchGenerator gen = new TorchGenerator(3);
        TorchGenerator reference = gen.copy();
        INDArray t = Nd4j.create(DataType.DOUBLE, 9);
        Init.uniform(t, -2, 5, gen);
        for (int i = 0; i < 9; i++) {
            double u = (reference.random64() & ((1L << 53) - 1)) * 0x1.0p-53;
            // The AVX2 kernels fuse u * (to - from) + from into one rounding (verified against PyTorch).
            assertThat(t.getDouble(i)).isEqualTo(Math.fma(u, 7, -2));
        }
        assertThat(gen.random()).isEqualTo(reference.random());
    }

    @Test
    void normalOn30FloatsUses46DrawsAndRedrawsTheLast16() {
        TorchGenerator gen = new TorchGenerator(0);
        TorchGenerator reference = gen.copy();
        INDArray t = Nd4j.create(DataType.FLOAT, 30);
        Init.normal(t, 0.5, 2, gen);
        float[] actual = RowMajor.readFloats(t);
        float[] first = blockNormals(reference, 16, 0.5f, 2f);
        for (int k = 0; k < 14; k++) {
            reference.random(); // uniforms of elements 16..29, overwritten by the redrawn block
        }
        float[] tail = blockNormals(reference, 16, 0.5f, 2f);
        for (int i = 0; i < 14; i++) {
            assertThat(actual[i]).as("element %d from the first block", i).isEqualTo(first[i]);
        }
        for (int i = 14; i < 30; i++) {
            assertThat(actual[i]).as("element %d from the redrawn block", i).isEqualTo(tail[i - 14]);
        }
        assertThat(gen.random()).as("46 draws consumed").isEqualTo(reference.random());
    }

    @Test
    void normalOnFewElementsUsesCachedDoubleBoxMuller() {
        TorchGenerator gen = new TorchGenerator(42);
        TorchGenerator reference = gen.copy();
        INDArray five = Nd4j.create(DataType.DOUBLE, 5);
        Init.normal(five, 1, 3, gen);
        double[] p1 = pairNormal(reference);
        double[] p2 = pairNormal(reference);
        double[] p3 = pairNormal(reference);
        double[] expected = {p1[0], p1[1], p2[0], p2[1], p3[0]};
        for (int i = 0; i < 5; i++) {
            assertThat(five.getDouble(i)).isEqualTo(expected[i] * 3 + 1);
        }
        byte[] state = gen.getState();
        ByteBuffer bytes = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.getInt(5040)).as("normal_is_valid").isEqualTo(1);
        assertThat(bytes.getDouble(5024)).as("normal_y").isEqualTo(p3[1]);

        INDArray one = Nd4j.create(DataType.FLOAT, 1);
        Init.normal(one, 0, 1, gen);
        assertThat(one.getFloat(0)).as("the cached sample, no draw").isEqualTo((float) p3[1]);
        assertThat(gen.random()).as("12 draws consumed in all").isEqualTo(reference.random());
    }

    @Test
    void blockNormalValuesDoNotDependOnThreadsOrSegments() {
        int n = 200_003; // above the parallel threshold, and not a multiple of 16
        TorchGenerator gen = new TorchGenerator(11);
        TorchGenerator reference = gen.copy();
        INDArray t = Nd4j.create(DataType.FLOAT, n);
        Init.normal(t, 0, 0.02, gen);
        float[] actual = RowMajor.readFloats(t);
        int full = n / 16 * 16;
        float[] expected = blockNormals(reference, full, 0f, 0.02f);
        for (int k = 0; k < n - full; k++) {
            reference.random();
        }
        float[] tail = blockNormals(reference, 16, 0f, 0.02f);
        System.arraycopy(tail, 0, expected = java.util.Arrays.copyOf(expected, n), n - 16, 16);
        assertThat(actual).containsExactly(expected);
        assertThat(gen.random()).isEqualTo(reference.random());
    }

    @Test
    void fOrderMatrixIsWalkedInMemoryOrder() {
        TorchGenerator gen = new TorchGenerator(5);
        TorchGenerator reference = gen.copy();
        INDArray f = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f');
        Init.uniform(f, 0, 1, gen);
        for (int col = 0; col < 4; col++) {
            for (int row = 0; row < 3; row++) {
                assertThat(f.getFloat(row, col)).isEqualTo(uniformFloat(reference.random(), 0, 1));
            }
        }
    }

    @Test
    void fOrderNormalIsNotContiguousSoUsesThePerElementPathInMemoryOrder() {
        TorchGenerator gen = new TorchGenerator(9);
        TorchGenerator reference = gen.copy();
        INDArray f = Nd4j.create(DataType.FLOAT, new long[] {4, 5}, 'f');
        Init.normal(f, 0, 1, gen);
        int k = 0;
        double[] pair = null;
        for (int col = 0; col < 5; col++) {
            for (int row = 0; row < 4; row++, k++) {
                if (k % 2 == 0) {
                    pair = pairNormal(reference);
                }
                assertThat(f.getFloat(row, col)).as("(%d, %d)", row, col).isEqualTo((float) pair[k % 2]);
            }
        }
    }

    @Test
    void stridedViewIsFilledInItsOrderAndNeighboursAreUntouched() {
        TorchGenerator gen = new TorchGenerator(1);
        TorchGenerator reference = gen.copy();
        INDArray base = Nd4j.zeros(DataType.FLOAT, 4, 6);
        INDArray view = base.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        Init.uniform(view, 1, 2, gen);
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 6; col++) {
                float expected = col == 1 || col == 2 ? uniformFloat(reference.random(), 1, 2) : 0f;
                assertThat(base.getFloat(row, col)).as("(%d, %d)", row, col).isEqualTo(expected);
            }
        }
    }

    @Test
    void transposedViewOfContiguousMatrixIsWalkedInMemoryOrder() {
        TorchGenerator gen = new TorchGenerator(1);
        TorchGenerator reference = gen.copy();
        INDArray base = Nd4j.zeros(DataType.FLOAT, 3, 5);
        Init.uniform(base.transpose(), 0, 1, gen);
        float[] actual = RowMajor.readFloats(base);
        for (float value : actual) {
            assertThat(value).isEqualTo(uniformFloat(reference.random(), 0, 1));
        }
    }

    @Test
    void halfAndBfloat16UniformKeep11And8BitsAndRoundTheBounds() {
        for (DataType type : new DataType[] {DataType.HALF, DataType.BFLOAT16}) {
            boolean bf16 = type == DataType.BFLOAT16;
            int digits = bf16 ? 8 : 11;
            TorchGenerator gen = new TorchGenerator(2);
            TorchGenerator reference = gen.copy();
            INDArray t = Nd4j.create(type, 40);
            Init.uniform(t, -0.1, 0.3, gen);
            float from = ReducedFloat.round(-0.1f, bf16);
            float range = ReducedFloat.round(ReducedFloat.round(0.3f, bf16) - from, bf16);
            float[] actual = RowMajor.readFloats(t);
            for (int i = 0; i < 40; i++) {
                float u = (reference.random() & ((1 << digits) - 1)) / (float) (1 << digits);
                assertThat(actual[i]).as("%s element %d", type, i).isEqualTo(ReducedFloat.round(u * range + from, bf16));
            }
        }
    }

    @Test
    void randpermSwapsWithOneDrawPerStep() {
        TorchGenerator gen = new TorchGenerator(4);
        TorchGenerator reference = gen.copy();
        long[] perm = gen.randperm(10);
        long[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int i = 0; i < 9; i++) {
            int z = (int) (reference.random() % (10 - i));
            long swap = expected[i];
            expected[i] = expected[i + z];
            expected[i + z] = swap;
        }
        assertThat(perm).containsExactly(expected);
        assertThat(gen.random()).isEqualTo(reference.random());
        assertThat(new TorchGenerator(4).randperm(1)).containsExactly(0L);
        assertThat(new TorchGenerator(4).randperm(0)).isEmpty();
    }

    @Test
    void stateBytesFollowTorchLayoutAfterSeeding() {
        TorchGenerator gen = new TorchGenerator(0x1_0000_0005L);
        byte[] state = gen.getState();
        assertThat(state).hasSize(5056);
        ByteBuffer bytes = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.getLong(0)).as("the_initial_seed").isEqualTo(0x1_0000_0005L);
        assertThat(bytes.getInt(8)).as("left").isEqualTo(1);
        assertThat(bytes.getInt(12)).as("seeded").isEqualTo(1);
        assertThat(bytes.getLong(16)).as("next").isZero();
        assertThat(bytes.getLong(24)).as("state[0] = low 32 bits of the seed").isEqualTo(5);
        assertThat(bytes.getLong(32)).as("state[1]").isEqualTo((1812433253L * (5 ^ (5 >>> 30)) + 1) & 0xffffffffL);
        assertThat(bytes.getInt(5040)).as("normal_is_valid").isZero();
        assertThat(bytes.get(5052)).as("is_next_float_normal_sample_valid").isZero();
        assertThat(gen.initialSeed()).isEqualTo(0x1_0000_0005L);
        assertThat(new TorchGenerator(5).random()).as("only the low 32 bits seed the stream")
                .isEqualTo(new TorchGenerator(0x1_0000_0005L).random());
    }

    @Test
    void stateRoundTripsAcrossTwistsAndCachedSamples() {
        TorchGenerator gen = new TorchGenerator(123);
        Init.uniform(Nd4j.create(DataType.FLOAT, 700), 0, 1, gen); // past one twist
        Init.normal(Nd4j.create(DataType.DOUBLE, 3), 0, 1, gen);   // leaves a cached sample
        byte[] saved = gen.getState();
        INDArray first = Init.normal(Nd4j.create(DataType.FLOAT, 7), 0, 1, gen);

        TorchGenerator restored = new TorchGenerator(999);
        restored.setState(saved);
        assertThat(restored.getState()).isEqualTo(saved);
        INDArray again = Init.normal(Nd4j.create(DataType.FLOAT, 7), 0, 1, restored);
        assertThat(RowMajor.readFloats(again)).containsExactly(RowMajor.readFloats(first));
        assertThat(restored.initialSeed()).isEqualTo(123);
        assertThat(restored.random()).isEqualTo(gen.random());
    }

    @Test
    void setStateRejectsBadBytesAndLeavesTheGeneratorAlone() {
        TorchGenerator gen = new TorchGenerator(8);
        byte[] before = gen.getState();
        assertThatThrownBy(() -> gen.setState(new byte[5048]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.length=5048");
        assertThatThrownBy(() -> gen.setState(null)).isInstanceOf(IllegalArgumentException.class);
        byte[] badLeft = before.clone();
        ByteBuffer.wrap(badLeft).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0);
        assertThatThrownBy(() -> gen.setState(badLeft))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left=0");
        byte[] unseeded = before.clone();
        ByteBuffer.wrap(unseeded).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0);
        assertThatThrownBy(() -> gen.setState(unseeded)).isInstanceOf(IllegalArgumentException.class);
        assertThat(gen.getState()).isEqualTo(before);
    }

    @Test
    void manualSeedRestartsTheStreamAndClearsTheCache() {
        TorchGenerator gen = new TorchGenerator(0);
        Init.normal(Nd4j.create(DataType.DOUBLE, 1), 0, 1, gen); // caches a sample
        gen.manualSeed(0);
        TorchGenerator fresh = new TorchGenerator(0);
        assertThat(gen.getState()).isEqualTo(fresh.getState());
    }

    @Test
    void mt19937StateWordsContinueThroughBulkAndSingleDraws() {
        Mt19937 bulk = new Mt19937(77);
        Mt19937 single = new Mt19937(77);
        int[] out = new int[2000];
        bulk.nextInts(out, 0, 700);
        bulk.skip(600);
        bulk.nextInts(out, 700, 1300);
        int[] expected = new int[2000];
        for (int i = 0; i < 700; i++) {
            expected[i] = single.nextInt();
        }
        for (int i = 0; i < 600; i++) {
            single.nextInt();
        }
        for (int i = 700; i < 2000; i++) {
            expected[i] = single.nextInt();
        }
        assertThat(out).containsExactly(expected);
        assertThat(bulk.left).isEqualTo(single.left);
        assertThat(bulk.next).isEqualTo(single.next);
    }

    @Test
    void halfRoundingIsToNearestEven() {
        assertThat(ReducedFloat.roundToHalf(1.0f + 0x1.0p-11f)).as("tie to even").isEqualTo(1.0f);
        assertThat(ReducedFloat.roundToHalf(1.0f + 0x1.8p-11f)).isEqualTo(1.0f + 0x1.0p-10f);
        assertThat(ReducedFloat.roundToHalf(65520f)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(ReducedFloat.roundToHalf(0x1.0p-25f)).as("tie to zero").isEqualTo(0f);
        assertThat(ReducedFloat.roundToBfloat16(0.1f)).isEqualTo(0.10009765625f);
    }
}
