package org.nninit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@link SystemLibm} against glibc 2.36 ({@code tools/glibc-reference}): {@code log(1 - u)}, {@code log1p(-u)},
 * {@code sin(2 pi u)} and {@code cos(2 pi u)} on 2^20 double uniforms {@code u} of a Weyl sequence, compared by
 * SHA-256 of their little-endian bytes.
 */
class SystemLibmTest {

    private static final int N = 1 << 20;

    private static double weyl(long i) {
        return ((i * 0x9E3779B97F4A7C15L) >>> 11) * 0x1p-53;
    }

    @ParameterizedTest
    @ValueSource(strings = {"log-unit53", "log1p-unit53", "sin-theta53", "cos-theta53"})
    void equalsGlibc(String domain) throws Exception {
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            double u = weyl(i);
            v[i] = switch (domain) {
                case "log-unit53" -> 1.0 - u;
                case "log1p-unit53" -> -u;
                default -> 2.0 * Math.PI * u;
            };
        }
        switch (domain) {
            case "log-unit53" -> SystemLibm.log(v, N);
            case "log1p-unit53" -> SystemLibm.log1p(v, N);
            case "sin-theta53" -> SystemLibm.sin(v, N);
            default -> SystemLibm.cos(v, N);
        }
        ByteBuffer bytes = ByteBuffer.allocate(8 * N).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            bytes.putDouble(d);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        JsonNode reference;
        try (InputStream in = SystemLibmTest.class.getResourceAsStream("/glibc-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        int chunk = reference.get("chunk_bytes").asInt();
        JsonNode expected = reference.get("domains").get(domain).get("sha256");
        for (int c = 0; c < expected.size(); c++) {
            sha.update(bytes.array(), c * chunk, Math.min(chunk, bytes.capacity() - c * chunk));
            assertThat(HexFormat.of().formatHex(sha.digest())).as("%s chunk %d", domain, c)
                    .isEqualTo(expected.get(c).asText());
        }
    }
}
