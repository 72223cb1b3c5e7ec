package org.nninit.dl4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nninit.Init;

class InitReportTest {

    /** Dense(4->4, relu) with W = I, b = 0, then Output(4->2, identity, MSE) with constant weights. */
    private static MultiLayerNetwork eyeNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        Init.eye(net.getLayer(0).getParam("W").transpose());
        net.getLayer(0).getParam("b").assign(0);
        net.getLayer(1).getParam("W").assign(0.5);
        net.getLayer(1).getParam("b").assign(0);
        return net;
    }

    /** Column 0 is negative for every example, so unit 0 of the ReLU layer is dead; the rest are mixed. */
    private static final double[][] X = {
            {-1, 2, -3, 4},
            {-2, -1, 5, 1},
            {-0.5, 3, 1, -2},
    };

    @Test
    void identityLayerStatisticsMatchHandComputation() {
        MultiLayerNetwork net = eyeNet();
        INDArray x = Nd4j.createFromArray(X);
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 1}});

        InitReport report = InitReport.of(net, x, y, ExpectedStd.HE);
        LayerStats dense = report.rows().get(0);

        // W = I: pre-activation is x itself, post-activation relu(x).
        assertThat(dense.preMean()).isCloseTo(mean(X), within(1e-12));
        assertThat(dense.preStd()).isCloseTo(popStd(X), within(1e-12));
        double[][] relu = relu(X);
        assertThat(dense.postMean()).isCloseTo(mean(relu), within(1e-12));
        assertThat(dense.postStd()).isCloseTo(popStd(relu), within(1e-12));
        assertThat(dense.deadFraction()).isEqualTo(0.25);
        // eye(4): 4 ones among 16 -> mean 1/4, population std sqrt(1/4 - 1/16) = sqrt(3)/4.
        assertThat(dense.weightStd()).isCloseTo(Math.sqrt(3) / 4, within(1e-12));
        assertThat(dense.expectedStd()).isCloseTo(Math.sqrt(2.0 / 4), within(1e-12));
        assertThat(dense.fanIn()).isEqualTo(4);
        assertThat(dense.rule()).isEqualTo("He");

        // MSE in DL4J: score = sum over examples of mean over outputs of (out - y)^2, / batch.
        // dL/dout = 2 (out - y) / (nOut * batch); dW = h^T dout, db = column sums of dout.
        INDArray h = Transforms.relu(x, true);
        INDArray out = h.mmul(Nd4j.zeros(DataType.DOUBLE, 4, 2).addi(0.5));
        INDArray dOut = out.sub(y).muli(2.0 / (2 * 3));
        double dw = h.transpose().mmul(dOut).norm2Number().doubleValue();
        double db = dOut.sum(0).norm2Number().doubleValue();
        LayerStats output = report.rows().get(1);
        assertThat(output.gradNorm()).isCloseTo(Math.hypot(dw, db), within(1e-9));
        assertThat(report.score()).isCloseTo(out.sub(y).muli(out.sub(y)).sumNumber().doubleValue() / (2 * 3),
                within(1e-9));
        assertThat(output.preStd()).isCloseTo(output.postStd(), within(1e-12)); // identity activation
        assertThat(report.rows().get(0).gradNorm()).isGreaterThan(0);
    }

    @Test
    void inferredRuleNamesTheClosestKnownRule() {
        MultiLayerNetwork net = denseStack(3, 200, Activation.RELU);
        for (int i = 0; i < 3; i++) {
            Init.kaimingNormal(net.getLayer(i).getParam("W").transpose(), 0, org.nninit.FanMode.FAN_IN,
                    org.nninit.Nonlinearity.RELU);
        }
        InitReport report = InitReport.of(net, Nd4j.randn(DataType.DOUBLE, 256, 200), null);
        for (int i = 0; i < 3; i++) {
            LayerStats r = report.rows().get(i);
            assertThat(r.rule()).isEqualTo("~He");
            assertThat(r.weightRatio()).isCloseTo(1.0, within(0.02)); // 40,000 draws: std error ~0.4%
            assertThat(r.health()).isEqualTo(Health.OK);
            assertThat(r.gradNorm()).isNaN();                          // no labels
        }
    }

    @Test
    void tinyWeightsAreFlaggedAsVanishingThenCollapsed() {
        MultiLayerNetwork net = denseStack(4, 100, Activation.RELU);
        for (int i = 0; i < 4; i++) {
            Init.normal(net.getLayer(i).getParam("W"), 0, 0.01);
        }
        InitReport report = InitReport.of(net, Nd4j.randn(DataType.DOUBLE, 128, 100), null, ExpectedStd.HE);
        // Each layer multiplies the std by about 0.01 * sqrt(100) / sqrt(2) = 0.07 (after layer 1: 0.1).
        assertThat(report.rows().get(0).health()).isIn(Health.VANISHING, Health.OK);
        assertThat(report.rows().get(3).health()).isEqualTo(Health.COLLAPSED);
        assertThat(report.healthy()).isFalse();
    }

    @Test
    void csvAndPlotAreWritten(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = eyeNet();
        INDArray x = Nd4j.createFromArray(X);
        InitReport report = InitReport.of(net, x, Nd4j.zeros(DataType.DOUBLE, 3, 2));
        String csv = Files.readString(report.writeCsv(dir.resolve("r.csv")));
        assertThat(csv.lines().toList()).hasSize(3).first().isEqualTo(LayerStats.CSV_HEADER);
        Path png = report.writePlot(dir.resolve("r.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(report.toString()).contains("layer0", "He", "25%");
    }

    @Test
    void graphWithResidualAddIsReportedInTopologicalOrder() {
        ComputationGraph cg = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(8))
                .addLayer("a", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nOut(8).activation(Activation.IDENTITY).build(), "a")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.IDENTITY).build(), "add")
                .setOutputs("out").build());
        cg.init();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 8);
        InitReport report = InitReport.of(cg, x, Nd4j.randn(DataType.DOUBLE, 16, 3));
        assertThat(report.rows()).extracting(LayerStats::name).containsExactly("a", "b", "out");
        assertThat(report.rows()).allSatisfy(r -> assertThat(r.gradNorm()).isPositive());
        // "out" sees a + b: its pre-activation is (a + b)·W + c, checked by hand.
        INDArray a = Transforms.relu(x.mmul(cg.getLayer("a").getParam("W")).addRowVector(
                cg.getLayer("a").getParam("b")), true);
        INDArray b = a.mmul(cg.getLayer("b").getParam("W")).addRowVector(cg.getLayer("b").getParam("b"));
        INDArray out = a.add(b).mmul(cg.getLayer("out").getParam("W")).addRowVector(
                cg.getLayer("out").getParam("b"));
        assertThat(report.row("out").preStd()).isCloseTo(out.stdNumber(false).doubleValue(), within(1e-9));
        assertThatThrownBy(() -> report.row("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void lsuvBringsEveryLayerToUnitVariance() {
        MultiLayerNetwork net = denseStack(6, 64, Activation.TANH);
        for (int i = 0; i < 6; i++) {
            Init.normal(net.getLayer(i).getParam("W"), 0, 0.01);
        }
        INDArray x = Nd4j.randn(DataType.DOUBLE, 256, 64);
        List<LsuvStep> steps = new Lsuv(0.05, 20, false).apply(net, x);
        assertThat(steps).hasSize(6).allSatisfy(s -> assertThat(s.converged()).isTrue());
        // Layer 0 before LSUV: var = fanIn * 0.01^2 * var(x) = 64e-4 (weights and batch are finite: +-20%).
        assertThat(steps.get(0).initialVariance()).isBetween(0.8 * 64e-4, 1.2 * 64e-4);
        assertThat(steps.get(0).iterations()).isPositive();
        InitReport after = InitReport.of(net, x, null);
        assertThat(after.rows()).allSatisfy(r -> assertThat(r.preStd() * r.preStd()).isCloseTo(1, within(0.05)));
        assertThatThrownBy(() -> new Lsuv(0, 1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tolerance");
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> InitReport.of((MultiLayerNetwork) null, Nd4j.zeros(1, 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("net");
        assertThatThrownBy(() -> ExpectedStd.constant("x", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    private static MultiLayerNetwork denseStack(int depth, int width, Activation act) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(width).nOut(width).activation(act).biasInit(0).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static double mean(double[][] a) {
        double s = 0;
        int n = 0;
        for (double[] r : a) {
            for (double v : r) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static double popStd(double[][] a) {
        double m = mean(a);
        double s = 0;
        int n = 0;
        for (double[] r : a) {
            for (double v : r) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return Math.sqrt(s / n);
    }

    private static double[][] relu(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = Math.max(0, r[i][j]);
            }
        }
        return r;
    }
}
