package org.nninit.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link NnInit#create} builds on: DL4J's {@code init(params, false)} lays a network's parameter views over a
 * buffer it is given and skips its own weight initialization. The buffer starts as NaN, so that after the
 * initializer has run, a parameter it did not write is seen (its sum is NaN) and gets DL4J's initializer for its
 * layer, computed on a zeroed scratch copy of the layer's parameters so that what the initializer wrote stays.
 */
final class OnePass {

    private static final Logger LOG = LoggerFactory.getLogger(OnePass.class);

    private OnePass() {
    }

    static long numParams(ComputationGraphConfiguration conf) {
        long n = 0;
        for (GraphVertex vertex : conf.getVertices().values()) {
            n += vertex.numParams(true);
        }
        return n;
    }

    static long numParams(MultiLayerConfiguration conf) {
        long n = 0;
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            n += layer.getLayer().initializer().numParams(layer);
        }
        return n;
    }

    /** The flattened parameters, all NaN, or {@code null} (DL4J allocates) for a network without any. */
    static INDArray unwrittenBuffer(DataType type, long numParams) {
        if (numParams == 0) {
            return null;
        }
        INDArray fresh = untouchedBuffer(type, numParams);
        return (fresh != null ? fresh : Nd4j.createUninitialized(type, 1, numParams)).assign(Double.NaN);
    }

    /**
     * A {@code [1, n]} array over memory from the C allocator that nothing has touched yet (CPU backend, FLOAT or
     * DOUBLE), or {@code null}. Why: ND4J's own allocation touches every page (95–103 ms for ResNet-50's 102 MB
     * here), and the NaN fill then touches them again; untouched pages pay their fault once, in the fill (the two
     * together 46 ms against 107). The ND4J buffer holds the JavaCPP pointer, and every view holds the buffer, so the
     * memory lives as long as any parameter view; JavaCPP frees it once the pointer is collected (ND4J's buffer
     * over external memory does not own it). {@code null} where JavaCPP's limits ({@code maxBytes}, the heap size
     * by default, and {@code maxPhysicalBytes}) would be approached: ND4J's own allocator does not count against
     * them, so ND4J allocates then, as before; likewise where JavaCPP does not collect its memory
     * ({@link #collectsPointers}).
     */
    static INDArray untouchedBuffer(DataType type, long n) {
        long bytes = n * type.width();
        if (!Nd4j.getEnvironment().isCPU() || (type != DataType.FLOAT && type != DataType.DOUBLE)
                || !collectsPointers(System.getProperty("org.bytedeco.javacpp.nopointergc"),
                        System.getProperty("org.bytedeco.javacpp.noPointerGC"))
                || !fitsLimit(bytes, Pointer.totalBytes(), Pointer.maxBytes())
                || !fitsLimit(bytes, Pointer.physicalBytes(), Pointer.maxPhysicalBytes())) {
            return null;
        }
        DataBuffer buffer;
        try {
            if (type == DataType.FLOAT) {
                FloatPointer memory = new FloatPointer(n);
                buffer = Nd4j.createBuffer(memory, type, n, FloatIndexer.create(memory));
            } else {
                DoublePointer memory = new DoublePointer(n);
                buffer = Nd4j.createBuffer(memory, type, n, DoubleIndexer.create(memory));
            }
        } catch (OutOfMemoryError refused) {
            // JavaCPP refuses (its limits, checked again at allocation) before it allocates; ND4J may still succeed.
            LOG.debug("NnInit.create: JavaCPP refused {} bytes ({}); ND4J allocates the parameters", bytes,
                    refused.getMessage());
            return null;
        }
        return Nd4j.create(buffer, new long[] {1, n});
    }

    /**
     * Whether JavaCPP frees memory when its pointer is collected: not when {@code -Dorg.bytedeco.javacpp.nopointergc}
     * (or {@code noPointerGC}, which wins) is {@code true}, {@code t} or empty, as JavaCPP 1.5.7 reads them; memory
     * from it would then live until the process ends, so ND4J allocates instead.
     */
    static boolean collectsPointers(String nopointergc, String noPointerGC) {
        String value = (noPointerGC != null ? noPointerGC : nopointergc != null ? nopointergc : "false")
                .toLowerCase(java.util.Locale.ROOT);
        return !(value.equals("true") || value.equals("t") || value.isEmpty());
    }

    /**
     * Whether {@code bytes} more stay within one of JavaCPP's limits ({@code used} of {@code limit}; no limit when
     * it is not positive), with a quarter of the limit to spare for everything else.
     */
    static boolean fitsLimit(long bytes, long used, long limit) {
        return limit <= 0 || bytes <= limit - used - limit / 4;
    }

    /**
     * Gives every parameter of {@code m} that is still NaN DL4J's initialization of it.
     *
     * @return the keys that got it
     */
    static List<String> completeWithDl4j(TorchModule m) {
        org.deeplearning4j.nn.api.Layer layer = m.dl4jLayer();
        List<String> unwritten = new ArrayList<>();
        if (layer.numParams() == 0) {
            return unwritten;
        }
        Map<String, INDArray> table = layer.paramTable();
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            if (Double.isNaN(e.getValue().sumNumber().doubleValue())) {
                unwritten.add(e.getKey());
            }
        }
        if (!unwritten.isEmpty()) {
            // Zeros, as DL4J's init() allocates them: some initializers write only part of a parameter (LSTM
            // biases: the forget gate's).
            INDArray scratch = Nd4j.create(layer.params().dataType(), layer.params().shape());
            Map<String, INDArray> dl4j = layer.conf().getLayer().initializer().init(layer.conf(), scratch, true);
            for (String key : unwritten) {
                table.get(key).assign(dl4j.get(key));
            }
            LOG.info("NnInit.create: layer {} ({}{}): parameters {} were not written by the initializer; they got "
                    + "DL4J's own initialization", m.name(), m.layer().getClass().getSimpleName(),
                    m.kind() == LayerKind.UNKNOWN ? ", not in the layer catalogue" : "", unwritten);
        }
        return unwritten;
    }
}
