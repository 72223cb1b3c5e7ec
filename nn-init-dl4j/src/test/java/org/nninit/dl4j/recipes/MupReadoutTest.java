package org.nninit.dl4j.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nninit.dl4j.recipes.PolicyTesting.assertNormal;
import static org.nninit.dl4j.recipes.PolicyTesting.assertRejected;
import static org.nninit.dl4j.recipes.PolicyTesting.values;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.Nets;
import org.nninit.dl4j.NnInit;
import org.nninit.dl4j.TorchModule;
import org.nninit.random.TorchGenerator;

/** {@link MupReadout}: zero and width-scaled readouts; thresholds in {@link PolicyTesting}. */
class MupReadoutTest {

    private static MultiLayerNetwork net(int width) {
        return Nets.mln(new DenseLayer.Builder().nIn(32).nOut(width).activation(Activation.RELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(512)
                        .activation(Activation.IDENTITY).biasInit(0.5).build());
    }

    @Test
    void widthScaledStdIsBaseStdTimesBaseWidthOverWidth() {
        MultiLayerNetwork net = net(512);
        INDArray hidden = NnInit.modules(net).get(0).weight().dup();
        PolicyReport report = MupReadout.widthScaled(net, 128, 0.04, new TorchGenerator(8));
        double std = 0.04 * 128 / 512;   // Table 3: output weights' variance ~ 1/fan_in^2
        assertThat(MupReadout.std(128, 0.04, 512)).isEqualTo(std);
        assertThat(report.get("layer1").std().get("weight")).isEqualTo(std);
        TorchModule out = NnInit.modules(net).get(1);
        assertNormal("readout", values(out.weight()), std);
        assertThat(out.bias().toDoubleVector()).containsOnly(0);
        assertThat(NnInit.modules(net).get(0).weight()).as("hidden layers are not the readout's").isEqualTo(hidden);
        assertThat(report.get("layer0").changed()).isFalse();
    }

    @Test
    void doublingTheWidthHalvesTheStd() {
        assertThat(MupReadout.std(256, 0.02, 1024)).isEqualTo(2 * MupReadout.std(256, 0.02, 2048));
        assertThat(MupReadout.std(256, 0.02, 256)).isEqualTo(0.02);
    }

    @Test
    void zeroReadoutOnAGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(8).nOut(16).build(), "in")
                .addLayer("logits", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(4)
                        .activation(Activation.IDENTITY).biasInit(0.5).build(), "h")
                .addLayer("aux", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(2)
                        .activation(Activation.IDENTITY).build(), "h")
                .setOutputs("logits", "aux").build());
        graph.init();
        INDArray hidden = NnInit.modules(graph).get(0).weight().dup();
        PolicyReport report = MupReadout.zero(graph);
        for (TorchModule m : NnInit.modules(graph).subList(1, 3)) {
            assertThat(values(m.weight())).as(m.name()).containsOnly(0);
            assertThat(m.bias().toDoubleVector()).as(m.name()).containsOnly(0);
        }
        assertThat(NnInit.modules(graph).get(0).weight()).isEqualTo(hidden);
        assertThat(report.layers()).extracting(LayerInit::changed).containsExactly(false, true, true);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        MultiLayerNetwork net = net(64);
        INDArray p = net.params();
        assertRejected(p, () -> MupReadout.widthScaled(net, 0, 0.02, PolicyTesting.NO_DRAWS), "baseWidth=0");
        assertRejected(p, () -> MupReadout.widthScaled(net, 64, -1, PolicyTesting.NO_DRAWS), "baseStd=-1");
        assertRejected(p, () -> MupReadout.widthScaled(net, 64, Double.NaN, PolicyTesting.NO_DRAWS), "baseStd=NaN");
        MultiLayerNetwork headless = Nets.mln(new DenseLayer.Builder().nIn(4).nOut(4).build());
        assertRejected(headless.params(), () -> MupReadout.zero(headless), "no output layer", "layer0");
        assertRejected(p, () -> MupReadout.zero((MultiLayerNetwork) null), "net", "null");
        assertThat(List.of(MupReadout.std(1, 0, 5))).containsExactly(0.0);
    }
}
