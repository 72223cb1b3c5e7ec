package org.nninit.dl4j.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs one inference forward pass and hands out each layer with its input and output. */
final class NetworkProbe {

    private NetworkProbe() {
    }

    /** A network {@link #probe} can run: initialized, and a batch of at least one example. */
    static void requireProbable(MultiLayerNetwork net, INDArray features) {
        if (net.getLayers() == null) {
            throw new IllegalArgumentException("net must be initialized first (net.init()), but its layers are null");
        }
        requireBatch(features);
    }

    /** As above, for a graph with one input. */
    static void requireProbable(ComputationGraph net, INDArray features) {
        if (net.getVertices() == null) {
            throw new IllegalArgumentException("net must be initialized first (net.init()), but its vertices are null");
        }
        List<String> inputs = net.getConfiguration().getNetworkInputs();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("net must have one input for a single features array, but found inputs="
                    + inputs);
        }
        requireBatch(features);
    }

    private static void requireBatch(INDArray features) {
        if (features.rank() == 0 || features.size(0) == 0) {
            throw new IllegalArgumentException("features must hold at least one example, but found features.shape="
                    + java.util.Arrays.toString(features.shape()));
        }
    }

    // The forward pass is done here, layer by layer, with copies: DL4J's own feedForward hands out arrays that
    // later layers modify in place (an ActivationLayer applies its ReLU to the previous layer's output).
    static List<ProbedLayer> probe(MultiLayerNetwork net, INDArray features) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        List<ProbedLayer> out = new ArrayList<>();
        INDArray x = features;
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray in = preprocess(conf.getInputPreProcess(i), x);
            Layer layer = net.getLayer(i);
            INDArray y = layer.activate(in.dup(), false, mgr).dup();
            out.add(new ProbedLayer(i, layer.conf().getLayer().getLayerName(), layer, in, y, i + "_"));
            x = y;
        }
        return out;
    }

    static List<ProbedLayer> probe(ComputationGraph net, INDArray... features) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        List<String> inputNames = net.getConfiguration().getNetworkInputs();
        Map<String, INDArray> acts = new HashMap<>();
        for (int i = 0; i < inputNames.size(); i++) {
            acts.put(inputNames.get(i), features[i]);
        }
        List<ProbedLayer> out = new ArrayList<>();
        int position = 0;
        for (int vertexIndex : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[vertexIndex];
            if (v.isInputVertex()) {
                continue;
            }
            String name = v.getVertexName();
            List<String> inputs = net.getConfiguration().getVertexInputs().get(name);
            for (int k = 0; k < inputs.size(); k++) {
                v.setInput(k, acts.get(inputs.get(k)).dup(), mgr);
            }
            INDArray y = v.doForward(false, mgr).dup();
            acts.put(name, y);
            if (v.hasLayer()) {
                // DL4J puts an explicit merge vertex before a layer with several inputs: one input is the rule.
                InputPreProcessor pp = v instanceof LayerVertex lv ? lv.getLayerPreProcessor() : null;
                out.add(new ProbedLayer(position++, name, v.getLayer(), preprocess(pp, acts.get(inputs.get(0))), y,
                        name + "_"));
            }
        }
        return out;
    }

    private static INDArray preprocess(InputPreProcessor pp, INDArray in) {
        return pp == null ? in : pp.preProcess(in.dup(), (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
    }
}
