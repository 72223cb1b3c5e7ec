package org.nninit.random;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Loads {@code shared/reference/torch-public-values.json}, found by walking up from the working directory. */
final class ReferenceValues {

    static final String RELATIVE = "shared/reference/torch-public-values.json";

    private ReferenceValues() {
    }

    static JsonNode load() {
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                try {
                    return new ObjectMapper().readTree(candidate.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + candidate, e);
                }
            }
        }
        throw new IllegalStateException("no " + RELATIVE + " in " + start + " or any parent directory; "
                + "the published PyTorch values are needed to test TorchGenerator");
    }
}
