package org.nninit.dl4j.report;

import java.util.ArrayList;
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

    static List<ProbedLayer> probe(MultiLayerNetwork net, INDArray features) {
        // feedForward returns, at i + 1, layer i's output before the next layer's preprocessor.
        List<INDArray> acts = net.feedForward(features, false);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<ProbedLayer> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray in = preprocess(conf.getInputPreProcess(i), acts.get(i));
            out.add(new ProbedLayer(i, net.getLayer(i).conf().getLayer().getLayerName(), net.getLayer(i), in,
                    acts.get(i + 1), i + "_"));
        }
        return out;
    }

    static List<ProbedLayer> probe(ComputationGraph net, INDArray... features) {
        Map<String, INDArray> acts = net.feedForward(features, false);
        List<String> inputNames = net.getConfiguration().getNetworkInputs();
        List<ProbedLayer> out = new ArrayList<>();
        int position = 0;
        for (int vertexIndex : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[vertexIndex];
            if (!v.hasLayer()) {
                continue;
            }
            String name = v.getVertexName();
            List<String> inputs = net.getConfiguration().getVertexInputs().get(name);
            // DL4J puts an explicit merge vertex before a layer with several inputs, so one input is the rule.
            String from = inputs.get(0);
            INDArray raw = acts.containsKey(from) ? acts.get(from) : features[inputNames.indexOf(from)];
            InputPreProcessor pp = v instanceof LayerVertex lv ? lv.getLayerPreProcessor() : null;
            Layer layer = v.getLayer();
            out.add(new ProbedLayer(position++, name, layer, preprocess(pp, raw), acts.get(name), name + "_"));
        }
        return out;
    }

    private static INDArray preprocess(InputPreProcessor pp, INDArray in) {
        return pp == null ? in : pp.preProcess(in.dup(), (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
    }
}
