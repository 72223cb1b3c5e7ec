package org.nninit.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nninit.dl4j.recipes.Recipes;
import org.nninit.random.TorchGenerator;

/**
 * {@link NnInit#create}: one pass gives bit for bit what DL4J's {@code init()} followed by the same initializer
 * gives, for every parameter the initializer writes, and DL4J's initialization for every one it leaves.
 */
class OnePassTest {

    @Test
    void resnetRecipeInOnePassEqualsTheTwoPassPath() {
        ComputationGraph twoPass = TorchPorts.tinyResNet();
        Recipes.resnet(twoPass, true, new TorchGenerator(5));
        ComputationGraph onePass = NnInit.create(twoPass.getConfiguration().clone(),
                g -> Recipes.resnet(g, true, new TorchGenerator(5)));
        assertThat(onePass.params().data().asFloat()).containsExactly(twoPass.params().data().asFloat());
        assertThat(onePass.paramTable().keySet()).containsExactlyElementsOf(twoPass.paramTable().keySet());
    }

    @Test
    void torchDefaultsInOnePassEqualTheTwoPassPathOnASequentialNetwork() {
        MultiLayerNetwork twoPass = TorchPorts.languageModel();
        TorchDefaults.reset(twoPass, new TorchGenerator(11));
        MultiLayerNetwork onePass = NnInit.create(twoPass.getLayerWiseConfigurations().clone(),
                n -> TorchDefaults.reset(n, new TorchGenerator(11)));
        assertThat(onePass.params().data().asFloat()).containsExactly(twoPass.params().data().asFloat());
        // The network is usable as built: a forward pass gives the two-pass network's output.
        INDArray tokens = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{1, 4, 9, 2}});
        assertThat(onePass.output(tokens).data().asFloat()).containsExactly(twoPass.output(tokens).data().asFloat());
    }

    /**
     * GravesLSTM is not in the catalogue and LearnedSelfAttention's queries have no PyTorch twin: both are left
     * by TorchDefaults and must get DL4J's initializer, not the buffer's placeholder. With an initializer that
     * writes nothing, every parameter is DL4J's.
     */
    @Test
    void parametersTheInitializerLeavesGetDl4jsInitialization() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new GravesLSTM.Builder().nIn(5).nOut(6).activation(Activation.TANH).build())
                .layer(new LearnedSelfAttentionLayer.Builder().nIn(6).nOut(6).nHeads(2).nQueries(3)
                        .projectInput(true).build())
                .layer(new LSTM.Builder().nIn(6).nOut(4).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(5)).build();
        for (boolean writeNothing : new boolean[] {false, true}) {
            MultiLayerNetwork net = NnInit.create(conf.clone(),
                    writeNothing ? n -> { } : n -> TorchDefaults.reset(n, new TorchGenerator(1)));
            for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
                assertThat(Double.isNaN(e.getValue().sumNumber().doubleValue())).as(e.getKey()).isFalse();
            }
            // DL4J's XAVIER weights are random and nonzero; biases may be 0.
            assertThat(net.getLayer(0).getParam("W").stdNumber().doubleValue()).isGreaterThan(0.05);
            assertThat(net.getLayer(1).getParam("Q").stdNumber().doubleValue()).isGreaterThan(0.05);
        }
    }

    @Test
    void everyCatalogedKindIsWrittenCompletelyByTorchDefaults() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(10).nOut(6).build())
                .layer(new Convolution1DLayer.Builder(3).nOut(6).convolutionMode(
                        org.deeplearning4j.nn.conf.ConvolutionMode.Same).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SelfAttentionLayer.Builder().nOut(6).nHeads(2).projectInput(true).build())
                .layer(new LSTM.Builder().nOut(5).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(10)).build();
        MultiLayerNetwork twoPass = new MultiLayerNetwork(conf.clone());
        twoPass.init();
        TorchDefaults.reset(twoPass, new TorchGenerator(2));
        MultiLayerNetwork onePass = NnInit.create(conf.clone(), n -> {
            TorchDefaults.reset(n, new TorchGenerator(2));
            // Before NnInit.create hands anything to DL4J: every parameter of these kinds must already be written.
            for (Map.Entry<String, INDArray> e : n.paramTable().entrySet()) {
                assertThat(Double.isNaN(e.getValue().sumNumber().doubleValue())).as("%s left unwritten", e.getKey())
                        .isFalse();
            }
        });
        assertThat(onePass.params().data().asFloat()).containsExactly(twoPass.params().data().asFloat());
    }

    @Test
    void denseNetworkWithoutParametersOrWithDenseOnly() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(3).nOut(2).build())
                .build();
        MultiLayerNetwork net = NnInit.create(conf, n -> TorchDefaults.reset(n, new TorchGenerator(0)));
        assertThat(net.params().dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(net.numParams()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
    }

    /**
     * The parameters live in memory from the C allocator that only the network's buffer holds
     * ({@link OnePass#untouchedBuffer}): after the builder's locals are gone and the collector has run, with fresh
     * native memory allocated and scribbled over in between, the network still has its values, computes the same
     * output and saves and loads to the same parameters.
     */
    @Test
    void parametersInUntouchedMemoryOutliveCollection() throws Exception {
        assertThat(OnePass.untouchedBuffer(DataType.FLOAT, 1000)).isNotNull();
        assertThat(OnePass.untouchedBuffer(DataType.DOUBLE, 1000)).isNotNull();
        assertThat(OnePass.untouchedBuffer(DataType.HALF, 1000)).isNull();
        assertThat(OnePass.unwrittenBuffer(DataType.FLOAT, 7).data().asFloat())
                .containsOnly(Float.NaN).hasSize(7);
        MultiLayerConfiguration conf = TorchPorts.languageModel().getLayerWiseConfigurations().clone();
        MultiLayerNetwork net = NnInit.create(conf, n -> TorchDefaults.reset(n, new TorchGenerator(11)));
        // The parameters are in JavaCPP-owned memory (its pointer has a deallocator: a count of 0, where the
        // pointers of ND4J's own buffers have none, -1), so what follows tests that memory, not ND4J's.
        assertThat(net.params().data().pointer().referenceCount()).isZero();
        assertThat(org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 1, 4).data().pointer().referenceCount())
                .isEqualTo(-1);
        float[] expected = net.params().data().asFloat();
        INDArray tokens = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{1, 4, 9, 2}});
        float[] expectedOutput = net.output(tokens).data().asFloat();
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20);
            org.bytedeco.javacpp.FloatPointer scribble = new org.bytedeco.javacpp.FloatPointer(expected.length);
            scribble.fill(0x7f);
            scribble.close();
        }
        assertThat(net.params().data().asFloat()).isEqualTo(expected);
        assertThat(net.output(tokens).data().asFloat()).isEqualTo(expectedOutput);
        java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, saved, false);
        MultiLayerNetwork loaded = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(saved.toByteArray()));
        assertThat(loaded.params().data().asFloat()).isEqualTo(expected);
    }

    /** JavaCPP's limits: none when not positive, else a quarter of the limit is left for the rest. */
    @Test
    void untouchedMemoryStaysWellWithinJavaCppsLimits() {
        assertThat(OnePass.fitsLimit(100, 0, 0)).isTrue();
        assertThat(OnePass.fitsLimit(750, 0, 1000)).isTrue();
        assertThat(OnePass.fitsLimit(751, 0, 1000)).isFalse();
        assertThat(OnePass.fitsLimit(50, 700, 1000)).isTrue();
        assertThat(OnePass.fitsLimit(51, 700, 1000)).isFalse();
    }

    /** With JavaCPP's pointer collection off, memory from it would never be freed: ND4J allocates then. */
    @Test
    void untouchedMemoryOnlyWhereJavaCppCollectsIt() {
        assertThat(OnePass.collectsPointers(null, null)).isTrue();
        assertThat(OnePass.collectsPointers("false", null)).isTrue();
        assertThat(OnePass.collectsPointers("true", null)).isFalse();
        assertThat(OnePass.collectsPointers("T", null)).isFalse();
        assertThat(OnePass.collectsPointers("", null)).isFalse();
        assertThat(OnePass.collectsPointers(null, "True")).isFalse();
        assertThat(OnePass.collectsPointers("true", "false")).isTrue();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> NnInit.create((MultiLayerConfiguration) null, n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conf is null");
        assertThatThrownBy(() -> NnInit.create(TorchPorts.tinyResNet().getConfiguration(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fn is null");
    }
}
