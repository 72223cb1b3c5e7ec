package org.nninit.samples;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;

/** The README's quick start: a few torch.nn.init calls on ND4J arrays. */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(42);
        INDArray weight = Nd4j.create(DataType.FLOAT, 256, 128);
        Init.kaimingNormal(weight, 0, FanMode.FAN_OUT, Nonlinearity.RELU);
        System.out.printf("kaiming_normal_(fan_out, relu) on [256,128]: std %.5f (expected %.5f)%n",
                weight.stdNumber().doubleValue(), Math.sqrt(2.0 / 256));
    }
}
