package org.nninit.samples;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.random.TorchGenerator;

/**
 * The README's quick start: {@code torch.nn.init} calls on ND4J arrays, and the same numbers as PyTorch for
 * the same seed. The Showcase runs it first.
 */
public final class QuickStart {

    /** {@code torch.manual_seed(0); torch.rand(2, 3)} as PyTorch prints it. */
    private static final double[] TORCH_RAND_SEED0 = {0.4963, 0.7682, 0.0885, 0.1320, 0.3074, 0.6341};

    private QuickStart() {
    }

    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(42);
        INDArray weight = Nd4j.create(DataType.FLOAT, 256, 128);          // torch.empty(256, 128)
        Init.kaimingNormal(weight, 0, FanMode.FAN_OUT, Nonlinearity.RELU);  // kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
        System.out.printf(Locale.ROOT, "kaiming_normal_(fan_out, relu) on [256, 128]: std %.5f, PyTorch's formula %.5f%n",
                weight.stdNumber().doubleValue(), Math.sqrt(2.0 / 256));

        INDArray sample = Init.uniform(Nd4j.create(DataType.FLOAT, 2, 3), 0, 1, new TorchGenerator(0));
        System.out.printf(Locale.ROOT, "uniform_ with TorchGenerator(0): %s%n", Arrays.toString(sample.data().asFloat()));
        System.out.printf(Locale.ROOT, "torch.manual_seed(0); torch.rand(2, 3):  %s%n", Arrays.toString(TORCH_RAND_SEED0));
    }
}
