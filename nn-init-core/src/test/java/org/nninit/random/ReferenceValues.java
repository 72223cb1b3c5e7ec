package org.nninit.random;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Loads {@code torch-public-values.json} (PyTorch outputs as published, to 4 decimals, and the MT19937 check
 * value) from the test classpath: a copy of the project's shared reference, so that a clone needs nothing
 * beside it.
 */
final class ReferenceValues {

    static final String RESOURCE = "/torch-public-values.json";

    private ReferenceValues() {
    }

    static JsonNode load() {
        try (InputStream in = ReferenceValues.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
