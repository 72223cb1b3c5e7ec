package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.TorchGenerator;

/** PyTorch's keyword arguments as withers: no positional {@code a = 0}, no {@code null} generator. */
class KeywordStyleTest {

    private static double[] values(INDArray t) {
        return RowMajor.readDoubles(t);
    }

    @Test
    void kaimingNormalFanOutRelu() {
        // nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
        KaimingNormal keywords = new KaimingNormal().mode(FanMode.FAN_OUT).nonlinearity(Nonlinearity.RELU);
        assertThat(keywords).isEqualTo(new KaimingNormal(0, FanMode.FAN_OUT, Nonlinearity.RELU));
        INDArray w = keywords.fill(Nd4j.create(DataType.FLOAT, 64, 3, 7, 7), new TorchGenerator(0));
        INDArray positional = Init.kaimingNormal(Nd4j.create(DataType.FLOAT, 64, 3, 7, 7), 0, FanMode.FAN_OUT,
                Nonlinearity.RELU, new TorchGenerator(0));
        assertThat(values(w)).containsExactly(values(positional));
    }

    @Test
    void withersKeepTheOtherArguments() {
        assertThat(new TruncNormal().std(0.02).bounds(-0.04, 0.04))
                .isEqualTo(new TruncNormal(0, 0.02, -0.04, 0.04, TruncNormalMethod.DEFAULT));
        assertThat(new KaimingUniform().a(Math.sqrt(5)).mode(FanMode.FAN_OUT))
                .isEqualTo(new KaimingUniform(Math.sqrt(5), FanMode.FAN_OUT, Nonlinearity.LEAKY_RELU));
        assertThat(new Normal().std(0.02)).isEqualTo(new Normal(0, 0.02));
        assertThat(new Sparse(0.9).std(0.1)).isEqualTo(new Sparse(0.9, 0.1));
        assertThat(new Dirac().groups(3)).isEqualTo(new Dirac(3));
        assertThat(new XavierUniform().gain(2)).isEqualTo(new XavierUniform(2)).isNotEqualTo(new XavierUniform());
    }

    @Test
    void staticCallsAndValuesGiveTheSameNumbers() {
        assertThat(values(new XavierUniform(0.5).fill(Nd4j.create(DataType.FLOAT, 30, 20), new TorchGenerator(1))))
                .containsExactly(values(Init.xavierUniform(Nd4j.create(DataType.FLOAT, 30, 20), 0.5,
                        new TorchGenerator(1))));
        assertThat(values(new TruncNormal().fill(Nd4j.create(DataType.FLOAT, 30, 20), new TorchGenerator(2))))
                .containsExactly(values(Init.truncNormal(Nd4j.create(DataType.FLOAT, 30, 20), 0, 1, -2, 2,
                        new TorchGenerator(2))));
        assertThat(values(new Sparse(0.5).fill(Nd4j.create(DataType.FLOAT, 30, 20), new TorchGenerator(3))))
                .containsExactly(values(Init.sparse(Nd4j.create(DataType.FLOAT, 30, 20), 0.5,
                        new TorchGenerator(3))));
    }

    @Test
    void valuesPrintTheirArguments() {
        assertThat(new KaimingNormal().mode(FanMode.FAN_OUT))
                .hasToString("KaimingNormal[a=0.0, mode=FAN_OUT, nonlinearity=LEAKY_RELU]");
        assertThat(VarianceScaling.heNormal().toString()).contains("scale=2.0", "FAN_IN", "TRUNCATED_NORMAL");
    }
}
