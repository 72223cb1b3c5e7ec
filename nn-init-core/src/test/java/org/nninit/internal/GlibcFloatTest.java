package org.nninit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@link GlibcFloat} against glibc 2.36 itself: every value on the domains the kernels use, compared by the
 * SHA-256 of each chunk of 2^20 results that {@code tools/glibc-reference} recorded from the system's libm
 * (x86-64, FMA variants). Exhaustive for {@code logf} on every {@code k 2^-24} and {@code sinf}/{@code cosf} on
 * every Box–Muller angle; every 64th float for {@code expf} on [-40, 0] and {@code erff} on [-6, 6].
 */
class GlibcFloatTest {

    private static final JsonNode REFERENCE = load();

    private static JsonNode load() {
        try (InputStream in = GlibcFloatTest.class.getResourceAsStream("/glibc-reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds chunks of little-endian floats to SHA-256, one digest per chunk. */
    private static final class ChunkHasher {
        private final int chunk = REFERENCE.get("chunk_bytes").asInt() / 4;
        private final ByteBuffer buffer = ByteBuffer.allocate(4 * chunk).order(ByteOrder.LITTLE_ENDIAN);
        private final List<String> digests = new ArrayList<>();
        private final MessageDigest sha;

        ChunkHasher() throws NoSuchAlgorithmException {
            sha = MessageDigest.getInstance("SHA-256");
        }

        void add(float v) {
            buffer.putFloat(v);
            if (!buffer.hasRemaining()) {
                flush();
            }
        }

        private void flush() {
            sha.update(buffer.array(), 0, buffer.position());
            digests.add(HexFormat.of().formatHex(sha.digest()));
            buffer.clear();
        }

        List<String> finish() {
            if (buffer.position() > 0) {
                flush();
            }
            return digests;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logf-unit", "sinf-theta", "cosf-theta", "expf-neg", "erff-all"})
    void equalsGlibcOnEveryChunk(String domain) throws Exception {
        ChunkHasher hasher = new ChunkHasher();
        IntConsumer bitsToErff = b -> {
            hasher.add(GlibcFloat.erff(Float.intBitsToFloat(b)));
            hasher.add(GlibcFloat.erff(-Float.intBitsToFloat(b)));
        };
        switch (domain) {
            case "logf-unit" -> {
                for (int k = 1; k <= 1 << 24; k++) {
                    hasher.add(GlibcFloat.logf(k * 0x1p-24f));
                }
            }
            case "sinf-theta", "cosf-theta" -> {
                for (int k = 0; k < 1 << 24; k++) {
                    float theta = (float) (2.0 * Math.PI * (k * 0x1p-24));
                    hasher.add(domain.startsWith("sin") ? GlibcFloat.sinf(theta) : GlibcFloat.cosf(theta));
                }
            }
            case "expf-neg" -> {
                for (long b = 0x80000000L; b <= 0xc2200000L; b += 64) {
                    hasher.add(GlibcFloat.expf(Float.intBitsToFloat((int) b)));
                }
            }
            default -> {
                for (int b = 0; b <= 0x40c00000; b += 64) {
                    bitsToErff.accept(b);
                }
            }
        }
        List<String> actual = hasher.finish();
        List<String> expected = new ArrayList<>();
        REFERENCE.get("domains").get(domain).get("sha256").forEach(h -> expected.add(h.asText()));
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (i >= actual.size() || !expected.get(i).equals(actual.get(i))) {
                differing.add(i);
            }
        }
        assertThat(actual).as("%s: chunks of %d values that differ from glibc %s: %s", domain,
                REFERENCE.get("chunk_bytes").asInt() / 4, REFERENCE.get("glibc").asText(), differing)
                .isEqualTo(expected);
    }
}
