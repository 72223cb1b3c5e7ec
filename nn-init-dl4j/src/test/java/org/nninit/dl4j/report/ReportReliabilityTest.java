package org.nninit.dl4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** InitReport and LSUV on the networks that broke them: NaN weights, frozen layers, nets not initialized. */
class ReportReliabilityTest {

    private static MultiLayerNetwork net(boolean frozenFirst, boolean init) {
        DenseLayer first = new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).list()
                .layer(frozenFirst ? new FrozenLayer(first) : first)
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        if (init) {
            net.init();
        }
        return net;
    }

    private static INDArray x() {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.randn(DataType.DOUBLE, 16, 4);
    }

    @Test
    void nanWeightsAreNotHealthyAndANanLossIsShown() {
        MultiLayerNetwork net = net(false, true);
        net.getLayer(1).getParam("W").putScalar(0, 0, Double.NaN);
        InitReport report = InitReport.of(net, x(), Nd4j.zeros(DataType.DOUBLE, 16, 2));
        assertThat(report.rows().get(0).health()).isNotEqualTo(Health.NOT_FINITE);
        assertThat(report.rows().get(1).health()).isEqualTo(Health.NOT_FINITE);
        assertThat(report.rows().get(2).health()).as("NaN flows on").isEqualTo(Health.NOT_FINITE);
        assertThat(report.score()).isNaN();
        assertThat(report.toString()).contains("loss NaN");
        net.getLayer(1).getParam("W").putScalar(0, 0, Double.POSITIVE_INFINITY);
        assertThat(InitReport.of(net, x(), null).rows().get(1).health()).isEqualTo(Health.NOT_FINITE);
    }

    @Test
    void lsuvLeavesFrozenLayersAndSaysSo() {
        MultiLayerNetwork net = net(true, true);
        INDArray pretrained = net.getLayer(0).getParam("W").dup();
        List<LsuvStep> steps = Lsuv.PAPER.apply(net, x());
        assertThat(net.getLayer(0).getParam("W")).isEqualTo(pretrained);
        assertThat(steps.get(0).frozen()).isTrue();
        assertThat(steps.get(0).name()).isEqualTo(net.getLayer(0).conf().getLayer().getLayerName());
        assertThat(steps.subList(1, steps.size())).allSatisfy(s -> assertThat(s.frozen()).isFalse());
        assertThat(steps.get(1).converged()).isTrue();
    }

    @Test
    void uninitializedNetsEmptyBatchesAndSeveralInputsAreRejectedClearly() {
        MultiLayerNetwork raw = net(false, false);
        assertThatThrownBy(() -> InitReport.of(raw, x(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init()");
        assertThatThrownBy(() -> Lsuv.PAPER.apply(raw, x())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init()");
        MultiLayerNetwork ready = net(false, true);
        assertThatThrownBy(() -> InitReport.of(ready, Nd4j.create(DataType.DOUBLE, 0, 4), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features.shape=[0, 4]");
        ComputationGraph twoInputs = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("a", "b")
                .addLayer("d", new DenseLayer.Builder().nIn(8).nOut(2).build(), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build(), "d")
                .setOutputs("out").build());
        twoInputs.init();
        assertThatThrownBy(() -> InitReport.of(twoInputs, x(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputs=[a, b]");
        assertThatThrownBy(() -> Lsuv.PAPER.apply(twoInputs, x())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputs=[a, b]");
    }

    @Test
    void zeroInitResidualBatchNormIsIntendedAndThePlotHasNamesGapsAndUnderflow(@org.junit.jupiter.api.io.TempDir
                                                                                   java.nio.file.Path dir)
            throws Exception {
        ComputationGraph graph = org.nninit.dl4j.Nets.residualGraph(false, 4, 4);
        org.nninit.dl4j.recipes.Recipes.resnet(graph, true, null);
        InitReport report = InitReport.of(graph, Nd4j.randn(DataType.FLOAT, 8, 4, 6, 6), null);
        assertThat(report.row("b2").health()).isEqualTo(Health.ZERO_INIT);
        assertThat(report.row("b1").health()).isNotEqualTo(Health.ZERO_INIT);
        java.nio.file.Path png = report.writePlot(dir.resolve("report.png"));
        assertThat(png).exists();
        assertThat(png.toFile().length()).isGreaterThan(10_000);
        // a signal that underflows to 0 midway still plots (its marker series), and a layer without a gradient
        // leaves a gap rather than an error
        MultiLayerNetwork net = net(false, true);
        net.getLayer(1).getParam("W").assign(0);
        net.getLayer(1).getParam("b").assign(0);
        InitReport underflow = InitReport.of(net, x(), null);
        assertThat(underflow.rows().get(1).health()).isEqualTo(Health.COLLAPSED);
        assertThat(underflow.writePlot(dir.resolve("underflow.png"))).exists();
    }
}
