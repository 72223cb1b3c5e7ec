package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The depthwise channel order the walker assumes (PyTorch's grouped conv: output channel o = i * dm + m),
 * checked numerically through DL4J's forward pass: 1x1 kernels, input channels [1, 10], kernel for (i, m)
 * distinct, so each output channel names the (i, m) that made it.
 */
class ChannelOrderTest {

    private static final INDArray X = Nd4j.createFromArray(1f, 10f).reshape(1, 2, 1, 1);

    /** torch weight [nIn*dm, 1, 1, 1] for (i, m) = (0,0), (0,1), (1,0), (1,1): 2, 3, 5, 7. */
    private static INDArray torchDepthwise() {
        return Nd4j.createFromArray(2f, 3f, 5f, 7f).reshape(4, 1, 1, 1);
    }

    @Test
    void depthwiseOutputChannelIsInputTimesMultiplierPlusM() {
        MultiLayerNetwork net = Nets.mln(new DepthwiseConvolution2D.Builder(1, 1).nIn(2).depthMultiplier(2)
                .activation(Activation.IDENTITY).build());
        TorchModule m = NnInit.modules(net).get(0);
        m.assign("weight", torchDepthwise());
        Nd4j.getExecutioner().commit();
        INDArray out = net.output(X).castTo(DataType.DOUBLE).reshape(4);
        // o = i*dm + m: x0*2, x0*3, x1*5, x1*7
        assertThat(out.toDoubleVector()).containsExactly(new double[] {2, 3, 50, 70}, within(1e-5));
    }

    @Test
    void separableDepthwiseUsesTheSameOrder() {
        MultiLayerNetwork net = Nets.mln(new SeparableConvolution2D.Builder(1, 1).nIn(2).nOut(1).depthMultiplier(2)
                .hasBias(false).activation(Activation.IDENTITY).build());
        TorchModule m = NnInit.modules(net).get(0);
        m.assign("depthwise.weight", torchDepthwise());
        for (int o = 0; o < 4; o++) {
            INDArray pointwise = Nd4j.zeros(DataType.FLOAT, 1, 4, 1, 1);
            pointwise.putScalar(new long[] {0, o, 0, 0}, 1);
            m.assign("pointwise.weight", pointwise);
            double expected = new double[] {2, 3, 50, 70}[o];
            assertThat(net.output(X).getDouble(0)).as("pointwise picks depthwise channel %d", o)
                    .isCloseTo(expected, within(1e-4));
        }
    }
}
