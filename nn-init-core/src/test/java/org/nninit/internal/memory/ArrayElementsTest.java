package org.nninit.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nninit.RowMajor;

/**
 * The memory layer against ND4J itself: every element of a view written through {@link ArrayElements} reads back
 * through ND4J's own indexing as written (rounded as {@code assign} rounds), nothing outside the view changes, and
 * the staged path (other backends) gives the same array as the in-place one.
 */
class ArrayElementsTest {

    private static final double SENTINEL = -77.0;

    enum Layout { DENSE_C, DENSE_F, PERMUTED, STRIDED_SLICE, ROW_VECTOR_OF_MATRIX }

    /** A [4, 5, 6] view of each layout inside a sentinel-filled parent. */
    private static INDArray[] viewAndParent(Layout layout, DataType type) {
        INDArray parent = switch (layout) {
            case DENSE_C, PERMUTED -> Nd4j.valueArrayOf(new long[] {4, 5, 6}, SENTINEL, type);
            case DENSE_F -> Nd4j.valueArrayOf(new long[] {4, 5, 6}, SENTINEL, type).dup('f');
            case STRIDED_SLICE -> Nd4j.valueArrayOf(new long[] {8, 5, 7}, SENTINEL, type);
            case ROW_VECTOR_OF_MATRIX -> Nd4j.valueArrayOf(new long[] {3, 4 * 5 * 6}, SENTINEL, type);
        };
        INDArray view = switch (layout) {
            case DENSE_C, DENSE_F -> parent;
            case PERMUTED -> parent.permute(2, 0, 1).reshape(6, 4, 5).permute(1, 2, 0);
            case STRIDED_SLICE -> parent.get(NDArrayIndex.interval(0, 2, 8), NDArrayIndex.all(),
                    NDArrayIndex.interval(1, 7));
            case ROW_VECTOR_OF_MATRIX -> parent.get(NDArrayIndex.point(1), NDArrayIndex.all());
        };
        return new INDArray[] {view, parent};
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void rowMajorWritesLandWhereNd4jReadsThem(Layout layout) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF, DataType.BFLOAT16}) {
            INDArray[] vp = viewAndParent(layout, type);
            INDArray view = vp[0];
            long n = view.length();
            double[] expected = new double[(int) n];
            SplittableRandom random = new SplittableRandom(layout.ordinal() * 31L + type.ordinal());
            ArrayElements elements = ArrayElements.of(view);
            TensorWalk.Cursor rows = elements.rowMajor(0);
            for (int i = 0; i < n; i++) {
                double v = random.nextDouble(-3, 3);
                elements.putDouble(rows.next(), v);
                // What assign from a one-element double array stores: the reference rounding.
                expected[i] = Nd4j.scalar(v).castTo(type).getDouble(0);
            }
            elements.finish();
            assertThat(RowMajor.readDoubles(view)).as("%s %s", layout, type).containsExactly(expected);
            long sentinels = parent(vp).length() - n;
            assertThat(countOf(vp[1], SENTINEL)).as("untouched neighbours").isEqualTo(sentinels);
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void positionOfAgreesWithTheRowMajorCursor(Layout layout) {
        INDArray view = viewAndParent(layout, DataType.FLOAT)[0];
        ArrayElements elements = ArrayElements.of(view);
        TensorWalk.Cursor rows = elements.rowMajor(0);
        for (long i = 0; i < view.length(); i++) {
            assertThat(elements.positionOf(i)).isEqualTo(rows.next());
        }
        TensorWalk.Cursor fromMiddle = elements.rowMajor(37);
        assertThat(fromMiddle.next()).isEqualTo(elements.positionOf(37));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void mapAndIndicesOutsideAgreeWithTheStagedPath(Layout layout) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            INDArray[] inPlace = viewAndParent(layout, type);
            INDArray[] staged = viewAndParent(layout, type);
            INDArray values = Nd4j.linspace(-3, 3, 120, DataType.DOUBLE).reshape(4, 5, 6);
            inPlace[0].assign(values);
            staged[0].assign(values);
            ArrayElements a = ArrayElements.of(inPlace[0]);
            ArrayElements b = ArrayElements.staged(staged[0]);
            a.map(x -> x * x - 1);
            b.map(x -> x * x - 1);
            a.finish();
            b.finish();
            assertThat(RowMajor.readDoubles(inPlace[1])).containsExactly(RowMajor.readDoubles(staged[1]));
            assertThat(a.indicesOutside(-0.5, 2)).containsExactly(b.indicesOutside(-0.5, 2)).isNotEmpty();
        }
    }

    /**
     * The FLOAT scan (two passes over a chunk: the excess {@code max(low - v, v - high)}, then its bits) finds exactly
     * the elements with {@code v < low || v > high} in double arithmetic: NaN counts as inside, infinities, values
     * equal to a bound, bounds between two floats, infinite and empty intervals, across chunk boundaries.
     */
    @org.junit.jupiter.api.Test
    void floatScanMatchesTheComparisonsOnEdgeValues() {
        float lowEdge = 0.1f;
        float[] special = {Float.NaN, -Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
                Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, lowEdge, Math.nextDown(lowEdge),
                Math.nextUp(lowEdge), 2f, Math.nextUp(2f), Math.nextDown(2f), -2f, Math.nextDown(-2f)};
        int n = 3 * (1 << 15) + 7;
        float[] data = new float[n];
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < n; k++) {
            data[k] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                    : (float) (random.nextGaussian() * 2);
        }
        INDArray tensor = Nd4j.createFromArray(data);
        double[][] bounds = {{-2, 2}, {lowEdge, 2}, {0.1, 2.0000001}, {Double.NEGATIVE_INFINITY, 0},
                {0, Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, {-1e300, 1e300},
                {0.10000001, 0.10000002}, {1, -1}};
        for (double[] b : bounds) {
            long[] expected = java.util.stream.IntStream.range(0, n)
                    .filter(k -> (double) data[k] < b[0] || (double) data[k] > b[1]).asLongStream().toArray();
            assertThat(ArrayElements.of(tensor).indicesOutside(b[0], b[1])).as("[%s, %s]", b[0], b[1])
                    .isEqualTo(expected);
        }
    }

    /** Halfway cases round to even, as c10 and ND4J's assign do; truncation would round them all down. */
    @ParameterizedTest
    @ValueSource(strings = {"HALF", "BFLOAT16"})
    void reducedTypesRoundToNearestEven(String name) {
        DataType type = DataType.valueOf(name);
        int shift = type == DataType.HALF ? 13 : 16;
        INDArray t = Nd4j.create(type, 64);
        ArrayElements elements = ArrayElements.of(t);
        float[] written = new float[64];
        for (int i = 0; i < 64; i++) {
            // 1 + (i + 1/2) ulps of the reduced type, exactly between two representable values.
            written[i] = Float.intBitsToFloat(Float.floatToIntBits(1f) + (2 * i + 1) * (1 << (shift - 1)));
            elements.putFloat(i, written[i]);
        }
        INDArray reference = Nd4j.create(written, new long[] {64}, 'c').castTo(type);
        assertThat(RowMajor.readFloats(t)).containsExactly(RowMajor.readFloats(reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "LONG", "BOOL"})
    void nonFloatingArraysAreRefused(String name) {
        assertThatThrownBy(() -> ArrayElements.of(Nd4j.create(DataType.valueOf(name), 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    private static INDArray parent(INDArray[] vp) {
        return vp[1];
    }

    private static long countOf(INDArray array, double value) {
        return array.castTo(DataType.DOUBLE).eq(value).castTo(DataType.INT).sumNumber().longValue();
    }
}
