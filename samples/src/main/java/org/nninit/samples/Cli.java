package org.nninit.samples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The samples' tiny command line: {@code --key=value} options and {@code --help}. */
final class Cli {

    private final Map<String, String> options;

    private Cli(Map<String, String> options) {
        this.options = options;
    }

    /**
     * Parses {@code args}; prints {@code usage} and returns null on {@code --help}.
     *
     * @throws IllegalArgumentException for an argument that is not {@code --key=value}
     */
    static Cli parse(String[] args, String usage) {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(usage);
                return null;
            }
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("args: expected --key=value or --help, got '" + a + "'\n" + usage);
            }
            options.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return new Cli(options);
    }

    int intOr(String key, int fallback) {
        String v = options.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": expected an integer, got '" + v + "'", e);
        }
    }

    long longOr(String key, long fallback) {
        String v = options.get(key);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": expected an integer, got '" + v + "'", e);
        }
    }

    Path pathOr(String key, Path fallback) {
        String v = options.get(key);
        return v == null ? fallback : Path.of(v);
    }

    /** Rejects a value below {@code min}, naming the option. */
    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
