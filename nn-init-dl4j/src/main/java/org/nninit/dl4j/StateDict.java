package org.nninit.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * PyTorch weights in and out of DL4J networks: {@code model.state_dict()} as a map from
 * {@code "<layer or vertex name>.<PyTorch parameter name>"} to PyTorch-layout arrays, and safetensors files.
 *
 * <pre>{@code
 * StateDict.load(net, Path.of("resnet18.safetensors"));    // model.load_state_dict(...), strict
 * StateDict.save(net, Path.of("ported.safetensors"));      // torch's safetensors.torch.load_file(...) reads it
 * }</pre>
 *
 * <p>Names follow PyTorch's modules: a DL4J LSTM or SimpleRnn layer is one PyTorch layer, so its parameters are
 * {@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}. DL4J keeps one bias
 * (PyTorch's two summed: the same forward function), so loading sums the two and saving writes DL4J's bias as
 * {@code bias_ih_l0} and zeros as {@code bias_hh_l0}. BatchNorm's {@code running_var} converts to and from DL4J's
 * log10 std where the layer stores that. BatchNorm's {@code num_batches_tracked} (a step counter with no DL4J
 * counterpart) is accepted and ignored on load.
 *
 * <p>safetensors: an 8-byte little-endian header length, a JSON header {@code {name: {dtype, shape,
 * data_offsets}}} (and {@code __metadata__}, ignored), then the raw little-endian data. Read and written here
 * (F32, F64, F16, BF16, I64): the format is small, and Maven Central has no well-kept Java implementation.
 */
public final class StateDict {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

    /** Views of in_proj_weight's thirds; PyTorch's state dict has them only for differing key/value widths. */
    private static final java.util.Set<String> ATTENTION_ALIASES = java.util.Set.of("q_proj_weight", "k_proj_weight",
            "v_proj_weight");

    private StateDict() {
    }

    /** {@code model.state_dict()}: PyTorch-layout copies, in PyTorch module order. */
    public static Map<String, INDArray> of(MultiLayerNetwork net) {
        return of(NnInit.modules(net));
    }

    /** {@code model.state_dict()} of a graph, vertices in the order they were added. */
    public static Map<String, INDArray> of(ComputationGraph net) {
        return of(NnInit.modules(net));
    }

    private static Map<String, INDArray> of(List<TorchModule> modules) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (TorchModule m : modules) {
            boolean recurrent = recurrent(m);
            for (String p : keys(m)) {
                INDArray value = m.read(p);
                if (recurrent) {
                    if (p.equals("bias")) {
                        out.put(m.name() + ".bias_ih_l0", value);
                        out.put(m.name() + ".bias_hh_l0", Nd4j.zeros(value.dataType(), value.shape()));
                    } else {
                        out.put(m.name() + "." + p + "_l0", value);
                    }
                } else {
                    out.put(m.name() + "." + p, value);
                }
            }
        }
        return out;
    }

    /** The module's names in PyTorch's state dict: attention keeps only the packed in_proj_weight, as PyTorch
     * does when query, key and value have one width (DL4J's self-attention always does). */
    private static List<String> keys(TorchModule m) {
        List<String> names = m.paramNames();
        if (names.contains("in_proj_weight")) {
            names.removeAll(ATTENTION_ALIASES);
        }
        return names;
    }

    private static boolean recurrent(TorchModule m) {
        return (m.kind() == LayerKind.LSTM || m.kind() == LayerKind.RNN) && m.paramNames().contains("weight_ih");
    }

    /**
     * {@code model.load_state_dict(state)}, strict: every key of the network present, no unknown key, shapes
     * equal. Everything is checked before anything is written.
     *
     * @throws IllegalArgumentException naming the key (and both shapes) when a key is unknown, missing or of
     *                                  another shape, a value is not floating-point, or DL4J cannot store it
     *                                  (running_var &lt;= 0 in a log10-std BatchNorm); the network is unchanged
     */
    public static void load(MultiLayerNetwork net, Map<String, INDArray> state) {
        load(NnInit.modules(net), state);
    }

    /** {@link #load(MultiLayerNetwork, Map)} for a graph. */
    public static void load(ComputationGraph net, Map<String, INDArray> state) {
        load(NnInit.modules(net), state);
    }

    private static void load(List<TorchModule> modules, Map<String, INDArray> state) {
        if (state == null) {
            throw new IllegalArgumentException("state must map parameter names to arrays, but found null");
        }
        Map<String, INDArray> own = of(modules);
        Map<String, INDArray> remaining = new LinkedHashMap<>(state);
        remaining.keySet().removeIf(k -> k.endsWith("." + NUM_BATCHES_TRACKED) && !own.containsKey(k));
        for (Map.Entry<String, INDArray> e : own.entrySet()) {
            INDArray given = remaining.remove(e.getKey());
            if (given == null) {
                throw new IllegalArgumentException("state is missing key \"" + e.getKey() + "\" (shape "
                        + Arrays.toString(e.getValue().shape()) + ")");
            }
            if (!Arrays.equals(given.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("state[\"" + e.getKey() + "\"] has shape "
                        + Arrays.toString(given.shape()) + ", but the network's is " + Arrays.toString(e.getValue().shape()));
            }
            if (!given.dataType().isFPType()) {
                throw new IllegalArgumentException("state[\"" + e.getKey() + "\"] must be floating-point, but found "
                        + given.dataType());
            }
        }
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("state has keys the network does not: " + remaining.keySet()
                    + " (the network's: " + own.keySet() + ")");
        }
        // Values are translated and checked (e.g. running_var > 0 for a log10-std BatchNorm) before the first write.
        List<Runnable> writes = new java.util.ArrayList<>();
        for (TorchModule m : modules) {
            boolean recurrent = recurrent(m);
            for (String p : keys(m)) {
                INDArray value;
                if (recurrent && p.equals("bias")) {
                    value = state.get(m.name() + ".bias_ih_l0").castTo(DataType.DOUBLE)
                            .add(state.get(m.name() + ".bias_hh_l0").castTo(DataType.DOUBLE));
                } else {
                    value = state.get(m.name() + "." + p + (recurrent ? "_l0" : ""));
                }
                INDArray typed = value.castTo(m.dataType(p));
                try {
                    m.check(p, typed);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("state for " + m.name() + "." + p + ": " + e.getMessage(), e);
                }
                writes.add(() -> m.assign(p, typed));
            }
        }
        writes.forEach(Runnable::run);
    }

    /** {@link #load(MultiLayerNetwork, Map)} from a safetensors file. */
    public static void load(MultiLayerNetwork net, Path file) {
        load(net, read(file));
    }

    /** {@link #load(ComputationGraph, Map)} from a safetensors file. */
    public static void load(ComputationGraph net, Path file) {
        load(net, read(file));
    }

    /** Writes {@link #of(MultiLayerNetwork)} as safetensors. */
    public static void save(MultiLayerNetwork net, Path file) {
        write(of(net), file);
    }

    /** Writes {@link #of(ComputationGraph)} as safetensors. */
    public static void save(ComputationGraph net, Path file) {
        write(of(net), file);
    }

    /**
     * The tensors of a safetensors file, in the file's order, as c-order arrays of their dtype.
     *
     * @throws IllegalArgumentException when the file is not safetensors (header, offsets, dtype)
     */
    public static Map<String, INDArray> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw new IllegalArgumentException("file " + file + " is not safetensors: " + bytes.length + " bytes");
        }
        long headerLength = buf.getLong(0);
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("file " + file + " is not safetensors: header length " + headerLength
                    + " for " + bytes.length + " bytes");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("file " + file + " has no JSON safetensors header: " + e.getMessage());
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            String dtype = e.getValue().path("dtype").asText();
            JsonNode shapeNode = e.getValue().path("shape");
            long[] shape = new long[shapeNode.size()];
            long numel = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
                numel *= shape[i];
            }
            long begin = e.getValue().path("data_offsets").path(0).asLong(-1);
            long end = e.getValue().path("data_offsets").path(1).asLong(-1);
            DataType type = dataType(e.getKey(), dtype);
            if (begin < 0 || end < begin || dataStart + end > bytes.length || end - begin != numel * width(type)) {
                throw new IllegalArgumentException("tensor \"" + e.getKey() + "\" has data_offsets [" + begin + ", "
                        + end + "] that do not hold " + numel + " " + dtype + " values in " + file);
            }
            out.put(e.getKey(), decode(buf, dataStart + (int) begin, (int) numel, type, shape));
        }
        return out;
    }

    /** Writes {@code state} as safetensors, tensors in map order, the header padded to 8 bytes as the format asks. */
    public static void write(Map<String, INDArray> state, Path file) {
        if (state == null) {
            throw new IllegalArgumentException("state must map names to arrays, but found null");
        }
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray t = e.getValue();
            long size = t.length() * width(t.dataType());
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtypeName(e.getKey(), t.dataType()));
            entry.putArray("shape").addAll(Arrays.stream(t.shape()).mapToObj(JSON.getNodeFactory()::numberNode).toList());
            entry.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (INDArray t : state.values()) {
            encode(out, t);
        }
        try {
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static DataType dataType(String key, String dtype) {
        return switch (dtype) {
            case "F32" -> DataType.FLOAT;
            case "F64" -> DataType.DOUBLE;
            case "F16" -> DataType.HALF;
            case "BF16" -> DataType.BFLOAT16;
            case "I64" -> DataType.LONG;
            default -> throw new IllegalArgumentException("tensor \"" + key + "\" has dtype " + dtype
                    + "; supported: F32, F64, F16, BF16, I64");
        };
    }

    private static String dtypeName(String key, DataType type) {
        return switch (type) {
            case FLOAT -> "F32";
            case DOUBLE -> "F64";
            case HALF -> "F16";
            case BFLOAT16 -> "BF16";
            case LONG -> "I64";
            default -> throw new IllegalArgumentException("state[\"" + key + "\"] has dtype " + type
                    + "; safetensors here takes FLOAT, DOUBLE, HALF, BFLOAT16, LONG");
        };
    }

    private static int width(DataType type) {
        return switch (type) {
            case DOUBLE, LONG -> 8;
            case FLOAT -> 4;
            default -> 2;
        };
    }

    private static INDArray decode(ByteBuffer buf, int at, int n, DataType type, long[] shape) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(at);
        INDArray flat;
        switch (type) {
            case FLOAT -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                flat = Nd4j.createFromArray(v);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                flat = Nd4j.createFromArray(v);
            }
            case LONG -> {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                flat = Nd4j.createFromArray(v);
            }
            default -> {
                // 16-bit patterns to float (exact), then cast to the 16-bit type (exact again)
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    short bits = b.getShort(at + 2 * i);
                    v[i] = type == DataType.HALF ? org.nninit.internal.ReducedFloat.halfBitsToFloat(bits)
                            : Float.intBitsToFloat(bits << 16);
                }
                flat = Nd4j.createFromArray(v).castTo(type);
            }
        }
        return shape.length == 0 ? Nd4j.scalar(flat.getDouble(0)).castTo(type) : flat.reshape('c', shape);
    }

    private static void encode(ByteBuffer out, INDArray t) {
        INDArray c = t.dup('c');
        switch (t.dataType()) {
            case FLOAT -> {
                for (float v : c.data().asFloat()) {
                    out.putFloat(v);
                }
            }
            case DOUBLE -> {
                for (double v : c.data().asDouble()) {
                    out.putDouble(v);
                }
            }
            case LONG -> {
                for (long v : c.data().asLong()) {
                    out.putLong(v);
                }
            }
            case HALF -> {
                for (float v : c.castTo(DataType.FLOAT).data().asFloat()) {
                    out.putShort(org.nninit.internal.ReducedFloat.floatToHalfBits(v));
                }
            }
            default -> {
                for (float v : c.castTo(DataType.FLOAT).data().asFloat()) {
                    out.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
                }
            }
        }
    }
}
