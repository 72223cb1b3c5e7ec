package org.nninit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java block of the README compiles as written, imports included, and the ones made of statements also
 * run. A block is either statements (wrapped into a method) or {@code static} members (wrapped into a class);
 * its {@code import} lines go on top.
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /** One Java block of the README, with the line it starts on. */
    record Snippet(int line, String code) {
        @Override
        public String toString() {
            return "README.md line " + line;
        }

        boolean members() {
            return code.lines().filter(l -> !l.isBlank() && !l.startsWith("import ") && !l.startsWith("//"))
                    .findFirst().orElse("").startsWith("static ");
        }

        String source(String className) {
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            code.lines().forEach(l -> (l.startsWith("import ") ? imports : body).append(l).append('\n'));
            return imports + "public class " + className + " {\n"
                    + (members() ? body : "public static void run() throws Exception {\n" + body + "}\n") + "}\n";
        }
    }

    static Stream<Snippet> snippets() throws IOException {
        // The module runs in samples/, the README is the repository's (part of every clone).
        String readme = Files.readString(Path.of("..", "README.md"));
        List<Snippet> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start()).lines().count() + 1;
            out.add(new Snippet(line, m.group(1)));
        }
        assertThat(out).as("Java blocks in README.md").hasSizeGreaterThan(5);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compilesAndRuns(Snippet snippet, @org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        String className = "ReadmeSnippet" + snippet.line();
        String source = snippet.source(className);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-proc:none"), null,
                    List.of(unit)).call();
            assertThat(ok).as("%s does not compile:%n%s%n%s", snippet, diagnostics.getDiagnostics(), source).isTrue();
        }
        if (!snippet.members()) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    getClass().getClassLoader())) {
                loader.loadClass(className).getMethod("run").invoke(null);
            }
        }
    }
}
