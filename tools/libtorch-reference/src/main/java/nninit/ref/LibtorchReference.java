package nninit.ref;

import static org.bytedeco.pytorch.global.torch.*;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;

/**
 * The libtorch twin of tools/torch-reference/generate.py: runs every case of cases.json on libtorch (JavaCPP
 * presets) and writes the same gzip JSON, case for case.
 *
 * <pre>
 *   mvn -B -q -f tools/libtorch-reference/pom.xml compile exec:java \
 *       -Dexec.args="tools/torch-reference/cases.json /tmp/ref/t210-avx2.json.gz"
 * </pre>
 */
public final class LibtorchReference {
    static final String TORCH_VERSION = "2.10.0"; // of the org.bytedeco:pytorch artifact in pom.xml
    static final int LARGE = 20000; // cases.LARGE

    private LibtorchReference() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LibtorchReference CASES.json OUT.json.gz");
            System.exit(2);
        }
        // Keep the numbers of the case list as written (exact decimals, big seeds), so that "seed" and "steps"
        // are echoed back exactly as generate.py echoes them.
        ObjectMapper json = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        JsonNode cases = json.readTree(new File(args[0]));

        set_num_threads(1); // as generate.py (torch.set_num_threads(1))
        ArrayNode results = json.createArrayNode();
        for (JsonNode c : cases) {
            try (PointerScope scope = new PointerScope()) { // frees each case's tensors when it is done
                // seed is a Python int up to 2^64 - 1: the low 64 bits are the uint64_t manual_seed takes.
                manual_seed(c.get("seed").bigIntegerValue().longValue());
                ArrayNode rs = json.createArrayNode();
                for (JsonNode step : c.get("steps")) {
                    rs.add(runStep(json, step));
                }
                ObjectNode out = ((ObjectNode) c.deepCopy());
                out.set("results", rs);
                results.add(out);
            }
        }
        String cap = System.getenv("ATEN_CPU_CAPABILITY");
        ObjectNode doc = json.createObjectNode();
        doc.put("torch", TORCH_VERSION);
        doc.put("capability", cap == null || cap.isEmpty() ? "avx2" : cap);
        doc.set("cases", results);
        Path outPath = Path.of(args[1]);
        if (outPath.getParent() != null) {
            Files.createDirectories(outPath.getParent());
        }
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(outPath))) {
            json.writeValue(os, doc);
        }
        System.out.println(results.size() + " cases -> " + outPath);
    }

    // ---- one step -------------------------------------------------------------------------------------

    static ObjectNode runStep(ObjectMapper json, JsonNode step) {
        ObjectNode result;
        try {
            result = runOne(json, step);
        } catch (RuntimeException e) { // a c10::Error from libtorch (e.g. a dtype without a kernel)
            result = json.createObjectNode();
            String msg = String.valueOf(e.getMessage());
            result.put("error", msg.split("\n", -1)[0]);
        }
        result.put("state_sha256", sha256(raw(getDefaultCPUGenerator().get_state())));
        return result;
    }

    static ObjectNode runOne(ObjectMapper json, JsonNode step) {
        String op = step.get("op").asText();
        switch (op) {
            case "module": {
                ObjectNode r = json.createObjectNode();
                ArrayNode params = r.putArray("params");
                for (PyModules.Param p : PyModules.build(step.get("module").asText(), step.get("kwargs"))) {
                    ObjectNode e = params.addObject();
                    e.put("name", p.name());
                    ArrayNode shape = e.putArray("shape");
                    for (int d = 0; d < p.value().dim(); d++) {
                        shape.add(p.value().size(d));
                    }
                    e.setAll(encode(json, p.value()));
                }
                return r;
            }
            case "randperm":
                return encode(json, randperm(step.get("n").asLong()));
            case "get_rng_state": {
                ObjectNode r = json.createObjectNode();
                r.put("data", Base64.getEncoder().encodeToString(raw(getDefaultCPUGenerator().get_state())));
                return r;
            }
            default:
                return encode(json, runTensor(step));
        }
    }

    static Tensor runTensor(JsonNode step) {
        JsonNode sh = step.get("shape");
        long[] shape = new long[sh.size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = sh.get(d).asLong();
        }
        Tensor t = make(step.get("dtype").asText(), shape, step.get("view").asText());
        JsonNode a = step.get("args");
        String op = step.get("op").asText();
        switch (op) {
            case "uniform_" -> PyInit.uniform(t, num(a, "from", null), num(a, "to", null));
            case "normal_" -> PyInit.normal(t, num(a, "mean", 0.0), num(a, "std", 1.0));
            case "random_" -> t.random_();
            case "init.uniform_" -> PyInit.uniform(t, num(a, "a", null), num(a, "b", null));
            case "init.normal_" -> PyInit.normal(t, num(a, "mean", null), num(a, "std", null));
            case "trunc_normal_" -> PyInit.truncNormal(t, num(a, "mean", null), num(a, "std", null),
                    num(a, "a", null), num(a, "b", null));
            case "xavier_uniform_" -> PyInit.xavierUniform(t, num(a, "gain", null));
            case "xavier_normal_" -> PyInit.xavierNormal(t, num(a, "gain", null));
            case "kaiming_uniform_" -> PyInit.kaimingUniform(t, num(a, "a", null), a.get("mode").asText(),
                    a.get("nonlinearity").asText());
            case "kaiming_normal_" -> PyInit.kaimingNormal(t, num(a, "a", null), a.get("mode").asText(),
                    a.get("nonlinearity").asText());
            case "orthogonal_" -> PyInit.orthogonal(t, num(a, "gain", null));
            case "sparse_" -> PyInit.sparse(t, num(a, "sparsity", null), num(a, "std", null));
            case "eye_" -> PyInit.eye(t);
            case "dirac_" -> PyInit.dirac(t, a.get("groups").asLong());
            case "constant_" -> PyInit.constant(t, num(a, "val", null));
            default -> throw new IllegalArgumentException("op " + op);
        }
        return t;
    }

    static double num(JsonNode args, String key, Double def) {
        JsonNode v = args.get(key);
        if (v == null || v.isNull()) {
            if (def == null) {
                throw new IllegalArgumentException("missing argument " + key);
            }
            return def;
        }
        return v.asDouble(); // BigDecimal.doubleValue(): the correctly rounded double, as Python's float()
    }

    static ScalarType dtype(String name) {
        return switch (name) {
            case "float32" -> ScalarType.Float;
            case "float64" -> ScalarType.Double;
            case "float16" -> ScalarType.Half;
            case "bfloat16" -> ScalarType.BFloat16;
            default -> throw new IllegalArgumentException("dtype " + name);
        };
    }

    /** cases.py views: the same strides Python's generate.make gives. */
    static Tensor make(String dtype, long[] s, String view) {
        TensorOptions o = new TensorOptions(dtype(dtype));
        return switch (view) {
            case "contiguous" -> zeros(s, o);
            case "transposed" -> zeros(new long[] {s[1], s[0]}, o).t();
            case "strided" -> zeros(new long[] {s[0], 2 * s[1]}, o)
                    .slice(1, new LongOptional(), new LongOptional(), 2); // [:, ::2]
            case "permuted" -> zeros(new long[] {s[2], s[0], s[1]}, o).permute(1, 2, 0);
            default -> throw new IllegalArgumentException("view " + view);
        };
    }

    // ---- encoding, as generate.encode -----------------------------------------------------------------

    /** Little-endian bytes of t, row-major over its shape (half/bfloat16: their 16-bit patterns). */
    static byte[] raw(Tensor t) {
        Tensor c = t.contiguous();
        long n = c.nbytes();
        byte[] out = new byte[Math.toIntExact(n)];
        if (n > 0) {
            // One bulk copy; c must stay alive (not be freed by GC/scope) until it is done.
            new BytePointer(c.data_ptr()).capacity(n).limit(n).get(out);
        }
        Reference.reachabilityFence(c);
        return out;
    }

    static ObjectNode encode(ObjectMapper json, Tensor t) {
        byte[] data = raw(t);
        ObjectNode r = json.createObjectNode();
        if (t.numel() > LARGE) {
            int head = (int) Math.min(data.length, 256 * t.element_size());
            r.put("sha256", sha256(data));
            r.put("head", Base64.getEncoder().encodeToString(Arrays.copyOf(data, head)));
        } else {
            r.put("data", Base64.getEncoder().encodeToString(data));
        }
        return r;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
