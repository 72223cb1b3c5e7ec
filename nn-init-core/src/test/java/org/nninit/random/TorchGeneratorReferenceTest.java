package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nninit.Init;
import org.nninit.RowMajor;

/** Every published PyTorch output (test resource {@code torch-public-values.json}), reproduced from the same seed. */
class TorchGeneratorReferenceTest {

    private static final Pattern CALL = Pattern.compile("torch\\.(rand|randn)\\(([0-9, ]+)\\)");

    @Test
    void mt19937TenThousandthOutputIsTheStandardsCheckValue() {
        JsonNode check = ReferenceValues.load().get("mt19937_check");
        TorchGenerator gen = new TorchGenerator(check.get("seed").asLong());
        long value = 0;
        for (int i = 0; i < check.get("nth_output").asInt(); i++) {
            value = gen.random();
        }
        assertThat(value).isEqualTo(check.get("value").asLong());
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : ReferenceValues.load().get("cases")) {
            cases.add(Arguments.of(c.get("call").asText(), c.get("seed").asLong(), c));
        }
        assertThat(cases).as("published cases").isNotEmpty();
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {1}: {0}")
    @MethodSource("cases")
    void reproducesPublishedOutput(String call, long seed, JsonNode c) {
        Matcher m = CALL.matcher(call);
        assertThat(m.matches()).as("understood call %s", call).isTrue();
        String[] dims = m.group(2).split(",");
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Long.parseLong(dims[i].trim());
        }
        INDArray t = Nd4j.create(DataType.FLOAT, shape, 'c');
        TorchGenerator gen = new TorchGenerator(seed);
        if (m.group(1).equals("rand")) {
            Init.uniform(t, 0, 1, gen);
        } else {
            Init.normal(t, 0, 1, gen);
        }
        float[] actual = RowMajor.readFloats(t);
        JsonNode expected = c.get("values");
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s element %d", call, i)
                    .isCloseTo(expected.get(i).asDouble(), within(5e-5));
        }
    }
}
