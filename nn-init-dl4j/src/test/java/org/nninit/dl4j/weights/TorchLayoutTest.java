package org.nninit.dl4j.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.FanMode;
import org.nninit.Fans;
import org.nninit.Nonlinearity;
import org.nninit.dl4j.Nets;

/**
 * The PyTorch view an adapter derives from DL4J's (shape, order): PyTorch's fans per layer type against
 * hand-computed values (and DL4J's, which differ), and layout-sensitive functions landing on PyTorch's rows.
 */
class TorchLayoutTest {

    /** Records what DL4J passes, then zero-fills as DL4J requires (in place, returning the reshaped view). */
    static final class Recorder implements IWeightInit {
        static final List<Object[]> CALLS = new ArrayList<>();

        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            CALLS.add(new Object[] {fanIn, fanOut, shape.clone(), order});
            return paramView.assign(0).reshape(order, shape);
        }
    }

    /** {torch fanIn, torch fanOut, DL4J fanIn, DL4J fanOut} for each IWeightInit call of the layer. */
    private static List<double[]> fans(Layer layer) {
        Recorder.CALLS.clear();
        Nets.mln(layer);
        List<double[]> out = new ArrayList<>();
        for (Object[] call : Recorder.CALLS) {
            long[] shape = (long[]) call[2];
            INDArray flat = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, java.util.Arrays.stream(shape)
                    .reduce(1, (a, b) -> a * b));
            Fans torch = Fans.of(TorchLayout.view(shape, (char) call[3], (double) call[0], flat));
            out.add(new double[] {torch.fanIn(), torch.fanOut(), (double) call[0], (double) call[1]});
        }
        return out;
    }

    @Test
    void torchFansPerLayerType() {
        Recorder r = new Recorder();
        // nn.Linear(5, 7).weight [7, 5]: fan_in 5, fan_out 7
        assertThat(fans(new DenseLayer.Builder().nIn(5).nOut(7).weightInit(r).build()))
                .containsExactly(new double[] {5, 7, 5, 7});
        // nn.Conv2d(3, 4, 3, stride=2): [4,3,3,3] fan_in 27, fan_out 36; DL4J divides fan_out by the stride (9)
        assertThat(fans(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nIn(3).nOut(4).weightInit(r).build()))
                .containsExactly(new double[] {27, 36, 27, 9});
        // nn.Conv1d(3, 4, 3, stride=2): [4,3,3] fan_in 9, fan_out 12; DL4J squares k: 27 / 9
        assertThat(fans(new Convolution1DLayer.Builder(3).stride(2).nIn(3).nOut(4).weightInit(r).build()))
                .containsExactly(new double[] {9, 12, 27, 9});
        // nn.Conv3d(2, 3, (2,3,3)): [3,2,2,3,3] fan_in 36, fan_out 54
        assertThat(fans(new Convolution3D.Builder(2, 3, 3).nIn(2).nOut(3).weightInit(r).build()))
                .containsExactly(new double[] {36, 54, 36, 54});
        // nn.ConvTranspose2d(3, 4, 3): weight [3,4,3,3], torch's quirk fan_in = 4*9 = 36, fan_out = 27
        assertThat(fans(new Deconvolution2D.Builder(3, 3).nIn(3).nOut(4).weightInit(r).build()))
                .containsExactly(new double[] {36, 27, 27, 36});
        // nn.LSTM(5, 6): weight_ih [24,5] -> 5/24, weight_hh [24,6] -> 6/24; DL4J passes H / nIn+H for both
        assertThat(fans(new LSTM.Builder().nIn(5).nOut(6).weightInit(r).build()))
                .containsExactly(new double[] {5, 24, 6, 11}, new double[] {6, 24, 6, 11});
        // nn.RNN(5, 6): weight_ih [6,5], weight_hh [6,6]
        assertThat(fans(new SimpleRnn.Builder().nIn(5).nOut(6).weightInit(r).build()))
                .containsExactly(new double[] {5, 6, 5, 6}, new double[] {6, 6, 6, 6});
    }

    @Test
    void kaimingUsesTorchFanOutNotDl4jStrideDividedOne() {
        // torch fan_out = 32*3*3 = 288 -> bound sqrt(3)*sqrt(2)/sqrt(288) = 0.1443; DL4J's 72 would give 0.2887
        MultiLayerNetwork torch = Nets.mln(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nIn(16).nOut(32)
                .weightInit(new KaimingUniformInit(0, FanMode.FAN_OUT, Nonlinearity.RELU)).build());
        MultiLayerNetwork dl4j = Nets.mln(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nIn(16).nOut(32)
                .weightInit(new KaimingUniformInit(0, FanMode.FAN_OUT, Nonlinearity.RELU, FanSource.DL4J)).build());
        double bound = Math.sqrt(3) * Math.sqrt(2) / Math.sqrt(288);
        // 4608 uniform draws: the max is within 0.5% of the bound with probability 1 - 0.995^4608 > 1 - 1e-9
        assertThat(torch.getLayer(0).getParam("W").amaxNumber().doubleValue()).isBetween(0.995 * bound, bound);
        assertThat(dl4j.getLayer(0).getParam("W").amaxNumber().doubleValue())
                .isBetween(0.995 * 2 * bound, 2 * bound);
    }

    @Test
    void sparseZeroesColumnsOfTorchOutByIn() {
        // torch [out=10, in=4]: each of the 4 columns gets ceil(0.5*10) = 5 zeros -> each DL4J row W[i, :] has 5.
        // A big layer first puts the sparse one deep in the buffer, where ND4J's view indexing misbehaves.
        MultiLayerNetwork net = Nets.mln(new DenseLayer.Builder().nIn(60).nOut(60).build(),
                new DenseLayer.Builder().nIn(60).nOut(4).build(),
                new DenseLayer.Builder().nIn(4).nOut(10).weightInit(new SparseInit(0.5, 1.0)).build());
        INDArray w = net.getLayer(2).getParam("W").dup();
        for (int i = 0; i < 4; i++) {
            assertThat(w.getRow(i).eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue())
                    .as("zeros in DL4J row %d", i).isEqualTo(5);
        }
    }

    @Test
    void diracOnConv1dAndConstantFillInPlace() {
        MultiLayerNetwork net = Nets.mln(new Convolution1DLayer.Builder(5).nIn(2).nOut(20).build(),
                new Convolution1DLayer.Builder(3).nIn(20).nOut(2).build(),
                new Convolution1DLayer.Builder(3).nIn(2).nOut(2).weightInit(new DiracInit()).build());
        INDArray w = net.getLayer(2).getParam("W").dup();   // [2, 2, 3, 1], deep in the buffer
        assertThat(w.sumNumber().doubleValue()).isEqualTo(2.0);
        // an identity through DL4J's own forward pass: layer 2 alone, no bias, identity activation
        MultiLayerNetwork alone = Nets.mln(new Convolution1DLayer.Builder(3).nIn(2).nOut(2).padding(1)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).hasBias(false)
                .weightInit(new DiracInit()).build());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 2, 7);
        assertThat(alone.output(x).sub(x).amaxNumber().doubleValue()).isEqualTo(0.0);
        assertThat(alone.getParam("0_W").reshape(12)).isEqualTo(w.reshape(12));
        MultiLayerNetwork c = Nets.mln(new DenseLayer.Builder().nIn(3).nOut(4).weightInit(new ConstantInit(0.5))
                .build());
        assertThat(c.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 12)).meanNumber().doubleValue())
                .as("the flat parameter vector holds the fill").isEqualTo(0.5);
    }

    @Test
    void orthogonalRowsOfTorchWeight() {
        MultiLayerNetwork net = Nets.mln(new DenseLayer.Builder().nIn(12).nOut(5)
                .weightInit(new OrthogonalInit(2.0)).build());
        INDArray w = net.getLayer(0).getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);   // [12, 5]
        INDArray gram = w.transpose().mmul(w);   // torch [5, 12] rows orthogonal: W^T W = gain^2 I
        assertThat(gram.sub(Nd4j.eye(5).muli(4)).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> new UniformInit(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=1.0");
        assertThatThrownBy(() -> new NormalInit(0, -1)).hasMessageContaining("std=-1.0");
        assertThatThrownBy(() -> new DiracInit(0)).hasMessageContaining("groups=0");
        assertThatThrownBy(() -> new KaimingNormalInit(0, null, Nonlinearity.RELU))
                .hasMessageContaining("mode=null");
        assertThatThrownBy(() -> new SparseInit(1.5)).hasMessageContaining("sparsity=1.5");
        assertThatThrownBy(() -> Nets.mln(new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(2)
                .weightInit(new EyeInit()).build())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new XavierUniformInit(1.0).gain()).isCloseTo(1.0, within(0.0));
    }

    @Test
    void halfPrecisionNetworkIsFilledInPlace() {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration
                .Builder().seed(1).dataType(org.nd4j.linalg.api.buffer.DataType.HALF).list()
                .layer(new DenseLayer.Builder().nIn(64).nOut(32).weightInit(new KaimingNormalInit()).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).weightInit(new OrthogonalInit()).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray w0 = net.getLayer(0).getParam("W");
        assertThat(w0.dataType()).isEqualTo(org.nd4j.linalg.api.buffer.DataType.HALF);
        // kaiming_normal_ default: gain sqrt(2 / (1 + 0.01^2)), fan_in 64; 2048 values -> 6 SE = 9.4%
        double std = Math.sqrt(2 / (1 + 1e-4)) / 8;
        assertThat(w0.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).stdNumber().doubleValue())
                .isCloseTo(std, within(0.094 * std));
        INDArray w1 = net.getLayer(1).getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertThat(w1.transpose().mmul(w1).sub(Nd4j.eye(32)).amaxNumber().doubleValue()).isLessThan(1e-2);
    }
}
