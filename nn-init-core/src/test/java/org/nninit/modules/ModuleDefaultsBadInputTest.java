package org.nninit.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.Generator;
import org.nninit.random.TorchGenerator;

/**
 * Every module default rejects a bad parameter before it writes anything: the arrays keep their values and the
 * generator its position.
 */
class ModuleDefaultsBadInputTest {

    private static INDArray f(long... shape) {
        return Nd4j.create(DataType.FLOAT, shape).assign(7);
    }

    private static INDArray typed(DataType type, long... shape) {
        return Nd4j.create(type, shape);
    }

    private record Case(String name, List<INDArray> arrays, Consumer<Generator> call, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String message, Consumer<Generator> call, INDArray... arrays) {
        return new Case(name, Arrays.asList(arrays), call, message);
    }

    static Stream<Arguments> cases() {
        INDArray w = f(4, 3);
        INDArray cw = f(4, 2, 3, 3);
        INDArray e = f(6, 6);
        INDArray inProj = f(18, 6);
        Map<String, INDArray> encoder = new LinkedHashMap<>();
        encoder.put("self_attn.in_proj_weight", f(24, 8));
        encoder.put("self_attn.in_proj_bias", f(24));
        encoder.put("self_attn.out_proj.weight", f(8, 8));
        encoder.put("self_attn.out_proj.bias", f(8));
        encoder.put("linear1.weight", f(16, 8));
        encoder.put("linear1.bias", f(16));
        encoder.put("linear2.weight", f(8, 16));
        encoder.put("linear2.bias", typed(DataType.INT, 8));
        INDArray[] encoderArrays = encoder.values().toArray(INDArray[]::new);
        Map<String, INDArray> rank3 = new LinkedHashMap<>(encoder);
        rank3.put("linear1.weight", f(16, 8, 1));
        rank3.put("linear2.bias", f(8));
        INDArray[] rank3Arrays = rank3.values().toArray(INDArray[]::new);
        return Stream.of(
                c("linear INT bias", "bias", g -> ModuleDefaults.linear(w, typed(DataType.INT, 4), g), w),
                c("linear BOOL bias", "bias", g -> ModuleDefaults.linear(w, typed(DataType.BOOL, 4), g), w),
                c("linear bias of the wrong size", "bias.shape=[7]", g -> ModuleDefaults.linear(w, f(7), g), w),
                c("linear null weight", "weight=null", g -> ModuleDefaults.linear(null, f(4), g)),
                c("conv INT bias", "bias", g -> ModuleDefaults.conv(cw, typed(DataType.INT, 4), g), cw),
                c("conv matrix bias", "bias.shape", g -> ModuleDefaults.conv(cw, f(2, 2), g), cw),
                c("bilinear bias of the wrong size", "bias.shape", g -> ModuleDefaults.bilinear(f(3, 5, 4), f(4), g)),
                c("embedding INT weight", "weight", g -> ModuleDefaults.embedding(typed(DataType.INT, 5, 3), null, g)),
                c("batchNorm INT bias", "bias", g -> ModuleDefaults.batchNorm(f(3), typed(DataType.INT, 3), f(3), f(3))),
                c("batchNorm lengths differ", "runningVar", g -> ModuleDefaults.batchNorm(f(3), f(3), f(3), f(4))),
                c("layerNorm BOOL bias", "bias", g -> ModuleDefaults.layerNorm(f(3), typed(DataType.BOOL, 3))),
                c("recurrent null list", "parameters", g -> ModuleDefaults.recurrent(null, 4, g)),
                c("recurrent INT parameter", "parameters[2]", g -> ModuleDefaults.recurrent(
                        List.of(f(16, 3), f(16, 4), typed(DataType.INT, 16)), 4, g)),
                c("attention INT in-projection bias", "inProjBias", g -> ModuleDefaults.multiheadAttention(inProj,
                        typed(DataType.INT, 18), e, f(6), g), inProj, e),
                c("attention wrong in-projection shape", "inProjWeight", g -> ModuleDefaults.multiheadAttention(
                        f(12, 6), f(18), e, f(6), g), e),
                c("attention INT bias_v", "biasV", g -> ModuleDefaults.multiheadAttention(List.of(inProj), f(18), e,
                        f(6), f(1, 1, 6), typed(DataType.INT, 1, 1, 6), g), inProj, e),
                c("encoder layer INT linear2.bias", "linear2.bias",
                        g -> ModuleDefaults.transformerEncoderLayer(encoder, g), encoderArrays),
                c("encoder layer 3-D linear1.weight", "linear1.weight must be a 2-D",
                        g -> ModuleDefaults.transformerEncoderLayer(rank3, g), rank3Arrays),
                c("prelu NaN init", "init=NaN", g -> ModuleDefaults.prelu(f(3), Double.NaN)))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsBeforeWritingOrDrawing(Case bad) {
        TorchGenerator gen = new TorchGenerator(3);
        long expectedNext = gen.copy().random();
        List<float[]> before = bad.arrays().stream().map(a -> a.dup().castTo(DataType.FLOAT).data().asFloat()).toList();
        assertThatThrownBy(() -> bad.call().accept(gen)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.message());
        for (int i = 0; i < before.size(); i++) {
            assertThat(bad.arrays().get(i).dup().castTo(DataType.FLOAT).data().asFloat()).as("array %d", i)
                    .containsExactly(before.get(i));
        }
        assertThat(gen.random()).as("no draw consumed").isEqualTo(expectedNext);
    }
}
