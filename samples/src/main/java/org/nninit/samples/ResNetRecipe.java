package org.nninit.samples;

import java.nio.file.Path;

/** Placeholder, written next. */
public final class ResNetRecipe {
    public record Config(Path outDir) {
        public static Config defaults(Path outDir) {
            return new Config(outDir);
        }
    }

    public static void run(Config c) {
    }
}
