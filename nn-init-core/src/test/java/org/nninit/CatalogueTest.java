package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nninit.Initializers.Bad;
import org.nninit.Initializers.Rec;
import org.nninit.random.TorchGenerator;

/** The catalogue's tables: bad input, views and memory orders, statistics and exact properties, for every record. */
class CatalogueTest {

    static Stream<Rec> recs() {
        return Initializers.all();
    }

    static Stream<Arguments> badArguments() {
        return Initializers.all().flatMap(r -> r.bad().stream().map(b -> Arguments.of(r.name() + ": " + b.name(), b)));
    }

    static Stream<Rec> badTensors() {
        return Initializers.all().filter(r -> r.badTensor() != null);
    }

    static Stream<Rec> withLaw() {
        return Initializers.all().filter(r -> r.law() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void constructorsRejectBadArgumentsNamingThem(String name, Bad bad) {
        assertThatThrownBy(() -> bad.construct().get()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(bad.message().toArray(String[]::new));
    }

    /** A rejected tensor is left as it was, and the generator has not moved. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badTensors")
    void fillRejectsBeforeWritingOrDrawing(Rec rec) {
        INDArray tensor = rec.badTensor().get();
        INDArray before = tensor.dup();
        TorchGenerator gen = new TorchGenerator(11);
        byte[] state = gen.getState();
        assertThatThrownBy(() -> rec.init().fill(tensor, gen)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(rec.badMessage());
        assertThat(tensor).isEqualTo(before);
        assertThat(gen.getState()).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recs")
    void integerTensorsAreRejected(Rec rec) {
        INDArray ints = Nd4j.zeros(DataType.INT32, rec.shape());
        assertThatThrownBy(() -> rec.init().fill(ints)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INT");
        assertThat(ints.sumNumber().intValue()).isZero();
    }

    /** The values follow the formula's distribution (KS, with power: see {@link Initializers}). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("withLaw")
    void valuesFollowTheFormula(Rec rec) {
        Initializers.assertLaw(rec.init().fill(Nd4j.create(DataType.FLOAT, rec.shape()), new TorchGenerator(20261201L)),
                rec.law());
        Nd4j.getRandom().setSeed(20261201L);
        Initializers.assertLaw(rec.init().fill(Nd4j.create(DataType.DOUBLE, rec.shape())), rec.law());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recs")
    void exactPropertiesHold(Rec rec) {
        assertThat(rec.law() != null || rec.property() != null).as("every entry checks its values").isTrue();
        if (rec.property() != null) {
            rec.property().accept(rec.init().fill(Nd4j.rand(DataType.FLOAT, rec.shape()), new TorchGenerator(3)));
            rec.property().accept(rec.init().fill(Nd4j.rand(DataType.DOUBLE, rec.shape())));
        }
    }

    /**
     * A view into a larger buffer, in either memory order, is filled completely and nothing around it is touched;
     * its values pass the same checks.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("recsAndOrders")
    void viewsAreFilledInPlaceAndOnlyThem(Rec rec, char order) {
        long[] shape = rec.shape();
        long[] bigger = shape.clone();
        bigger[0] += 2;
        INDArray big = Nd4j.valueArrayOf(bigger, Double.NaN, DataType.FLOAT).dup(order);
        INDArrayIndex[] inner = new INDArrayIndex[shape.length];
        inner[0] = NDArrayIndex.interval(1, 1 + shape[0]);
        for (int d = 1; d < shape.length; d++) {
            inner[d] = NDArrayIndex.all();
        }
        INDArray view = big.get(inner);
        assertThat(rec.init().fill(view, new TorchGenerator(8))).isSameAs(view);
        assertThat(Arrays.stream(RowMajor.readDoubles(view)).noneMatch(Double::isNaN)).isTrue();
        for (long row : new long[] {0, bigger[0] - 1}) {
            assertThat(Arrays.stream(RowMajor.readDoubles(big.slice(row).dup())).allMatch(Double::isNaN)).isTrue();
        }
        if (rec.property() != null) {
            rec.property().accept(view);
        } else {
            Initializers.assertLaw(view, rec.law());
        }
    }

    static Stream<Arguments> recsAndOrders() {
        return Initializers.all().flatMap(r -> Stream.of(Arguments.of(r, 'c'), Arguments.of(r, 'f')));
    }

    /** Element-wise functions give the same values on any reshape of the same elements; the others use the shape. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recs")
    void elementwiseMeansTheShapeDoesNotMatter(Rec rec) {
        if (!rec.init().elementwise()) {
            return;
        }
        INDArray shaped = rec.init().fill(Nd4j.create(DataType.FLOAT, rec.shape()), new TorchGenerator(5));
        INDArray flat = rec.init().fill(Nd4j.create(DataType.FLOAT, shaped.length()), new TorchGenerator(5));
        assertThat(RowMajor.readDoubles(flat)).containsExactly(RowMajor.readDoubles(shaped));
    }

    @Test
    void elementwiseIsDeclaredByExactlyTheElementwiseFunctions() {
        Set<String> elementwise = Initializers.all().filter(r -> r.init().elementwise())
                .map(r -> r.init().getClass().getSimpleName()).collect(Collectors.toSet());
        assertThat(elementwise).containsExactlyInAnyOrder("Uniform", "Normal", "TruncNormal", "Constant", "Ones",
                "Zeros", "TruncNormalTf");
    }

    /** Every record is in the catalogue at least once. */
    @Test
    void everyRecordIsCatalogued() {
        Set<Class<?>> catalogued = Initializers.all().map(r -> r.init().getClass()).collect(Collectors.toSet());
        assertThat(catalogued).contains(Uniform.class, Normal.class, TruncNormal.class, Constant.class, Ones.class,
                Zeros.class, Eye.class, Dirac.class, XavierUniform.class, XavierNormal.class, KaimingUniform.class,
                KaimingNormal.class, Orthogonal.class, Sparse.class, VarianceScaling.class, ColumnOrthogonal.class,
                DeltaOrthogonal.class, TruncNormalTf.class);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"HALF", "BFLOAT16"})
    void reducedPrecisionIsFilled(DataType type) {
        // the entries that exist to be rejected by HALF are left out
        Initializers.all().filter(r -> r.badTensor() == null || r.badTensor().get().dataType() != DataType.HALF)
                .forEach(rec -> {
            INDArray t = rec.init().fill(Nd4j.create(type, rec.shape()), new TorchGenerator(2));
            assertThat(Arrays.stream(RowMajor.readDoubles(t)).allMatch(Double::isFinite)).as(rec.name()).isTrue();
        });
    }
}
