package org.nninit.random;

import org.nninit.internal.ReducedFloat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nninit.RowMajor;

/**
 * The reference files written by real PyTorch ({@code tools/torch-reference/generate.py} on Python torch,
 * {@code tools/libtorch-reference} on libtorch), read from the test classpath, and the arrays and bytes the
 * comparison needs. The meaning of a case, a step and a view is documented in {@code tools/torch-reference/cases.py}.
 */
final class TorchReference {

    /** One reference file: the binary that wrote it and its cases. */
    record File(String name, String torch, String capability, List<JsonNode> cases) {
    }

    private TorchReference() {
    }

    static File load(String resource) {
        try (InputStream raw = TorchReference.class.getResourceAsStream("/torch-reference/" + resource)) {
            if (raw == null) {
                throw new IllegalStateException("no test resource torch-reference/" + resource);
            }
            JsonNode doc = new ObjectMapper().readTree(new GZIPInputStream(raw));
            List<JsonNode> cases = new ArrayList<>();
            doc.get("cases").forEach(cases::add);
            return new File(resource, doc.get("torch").asText(), doc.get("capability").asText(), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataType dtype(String torchName) {
        return switch (torchName) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            case "float16" -> DataType.HALF;
            case "bfloat16" -> DataType.BFLOAT16;
            default -> throw new IllegalArgumentException("dtype " + torchName);
        };
    }

    /** The array PyTorch filled: the same shape and, for views, the same strides over a zeroed base. */
    static INDArray make(DataType type, long[] shape, String view) {
        return switch (view) {
            case "contiguous" -> Nd4j.zeros(type, shape);
            case "transposed" -> Nd4j.zeros(type, shape[1], shape[0]).transpose();
            case "strided" -> Nd4j.zeros(type, shape[0], 2 * shape[1])
                    .get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 2 * shape[1]));
            case "permuted" -> Nd4j.zeros(type, shape[2], shape[0], shape[1]).permute(1, 2, 0);
            default -> throw new IllegalArgumentException("view " + view);
        };
    }

    static long[] shape(JsonNode node) {
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asLong();
        }
        return shape;
    }

    /** The little-endian bytes PyTorch writes for the tensor: row-major, half/bf16 as their 16-bit patterns. */
    static byte[] bytes(INDArray tensor) {
        DataType type = tensor.dataType();
        int n = Math.toIntExact(tensor.length());
        ByteBuffer out = ByteBuffer.allocate(n * width(type)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.DOUBLE) {
            for (double v : RowMajor.readDoubles(tensor)) {
                out.putDouble(v);
            }
        } else if (type == DataType.LONG) {
            for (long v : tensor.dup('c').data().asLong()) {
                out.putLong(v);
            }
        } else {
            for (float v : RowMajor.readFloats(tensor)) {
                switch (type) {
                    case FLOAT -> out.putFloat(v);
                    case HALF -> out.putShort(ReducedFloat.floatToHalfBits(v));
                    case BFLOAT16 -> out.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
                    default -> throw new IllegalArgumentException("dtype " + type);
                }
            }
        }
        return out.array();
    }

    static int width(DataType type) {
        return switch (type) {
            case DOUBLE, LONG -> 8;
            case FLOAT -> 4;
            default -> 2;
        };
    }

    static byte[] base64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Distance in units in the last place between two values of the type, bit patterns read little-endian at
     * element {@code i}: the number of representable values between them.
     */
    static long ulps(byte[] expected, byte[] actual, int i, DataType type) {
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case DOUBLE -> Math.abs(ordered(e.getLong(8 * i)) - ordered(a.getLong(8 * i)));
            case LONG -> Math.abs(e.getLong(8 * i) - a.getLong(8 * i));
            case FLOAT -> Math.abs(ordered(e.getInt(4 * i)) - ordered(a.getInt(4 * i)));
            default -> Math.abs(ordered16(e.getShort(2 * i)) - ordered16(a.getShort(2 * i)));
        };
    }

    private static long ordered(long bits) {
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static long ordered(int bits) {
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static long ordered16(short bits) {
        return bits < 0 ? (long) Short.MIN_VALUE - bits : bits;
    }
}
