package org.nninit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints every score as a ratio against baselines measured in the same run, so that
 * the table means the same on any machine. Also writes it to {@code target/bench-results.md}.
 *
 * <pre>
 * mvn -B -q compile exec:exec -pl nn-init-bench -am                             # quick: about 3 minutes
 * mvn -B -q compile exec:exec -pl nn-init-bench -am -Dbench.args="--full"       # more iterations
 * mvn -B -q compile exec:exec -pl nn-init-bench -am -Dbench.args="--quick Orthogonal"
 * mvn -B -q compile exec:exec -pl nn-init-bench -am -Dbench.args="--quick TorchGenerator Network"
 * mvn -B -q compile exec:exec -pl nn-init-bench -am -Dbench.args="--quick --torch"   # and PyTorch, side by side
 * </pre>
 *
 * <p>With {@code --torch}, {@code tools/bench/torch_side_by_side.py} times PyTorch's equivalents with
 * {@code /usr/bin/python3} just before and just after the JMH run (the minimum of both is kept, so PyTorch sees
 * the load the JMH run saw), and the report gets a side-by-side table. Without a Python that has torch it says
 * so and reports the ND4J/DL4J ratios only.
 */
public final class BenchMain {

    /** Each nn-init benchmark and its baselines: raw op it rests on, DL4J's built-in equivalent. */
    private static final Map<String, String[]> BASELINES = new LinkedHashMap<>();

    static {
        BASELINES.put("uniform", new String[] {"nd4jUniform", "dl4jUniform"});
        BASELINES.put("xavierUniform", new String[] {"nd4jUniform", "dl4jXavierUniform"});
        BASELINES.put("kaimingUniform", new String[] {"nd4jUniform", "dl4jReluUniform"});
        BASELINES.put("normal", new String[] {"nd4jGaussian", "dl4jNormal"});
        BASELINES.put("xavierNormal", new String[] {"nd4jGaussian", "dl4jXavier"});
        BASELINES.put("kaimingNormal", new String[] {"nd4jGaussian", "dl4jRelu"});
        BASELINES.put("truncNormalRejection", new String[] {"nd4jGaussian", null});
        BASELINES.put("truncNormalInverseCdf", new String[] {"nd4jGaussian", null});
        BASELINES.put("sparse", new String[] {"nd4jGaussian", null});
        BASELINES.put("constant", new String[] {"memoryFill", null});
        BASELINES.put("eye", new String[] {"memoryFill", null});
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean full = List.of(args).contains("--full");
        List<String> includes = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                includes.add(arg);
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .warmupIterations(full ? 3 : 2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(full ? 5 : 3)
                .measurementTime(TimeValue.seconds(full ? 2 : 1))
                .jvmArgs("-Xmx6g")
                .addProfiler(GCProfiler.class);
        if (includes.isEmpty()) {
            options.include("org\\.nninit\\.bench\\..*");
        } else {
            includes.forEach(pattern -> options.include(pattern));
        }
        boolean torch = List.of(args).contains("--torch");
        Map<String, Double> before = torch ? TorchSide.run() : Map.of();
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> after = torch ? TorchSide.run() : Map.of();
        String report = report(results);
        if (torch) {
            report += TorchSide.table(TorchSide.minimum(before, after), label(results));
        }
        System.out.println(report);
        Path out = Path.of("target", "bench-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    static Map<String, RunResult> label(Collection<RunResult> results) {
        Map<String, RunResult> byLabel = new LinkedHashMap<>();
        for (RunResult result : results) {
            byLabel.put(label(result), result);
        }
        return byLabel;
    }

    static String report(Collection<RunResult> results) {
        Map<String, RunResult> byLabel = label(results);
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nMachine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version")));

        out.append("| float32 4096x4096 | ms/op | vs raw ND4J op | vs DL4J built-in | vs memory fill | alloc MB/op |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (String name : new String[] {"memoryFill", "nd4jUniform", "nd4jGaussian"}) {
            row(out, byLabel, name, null, null);
        }
        for (Map.Entry<String, String[]> entry : BASELINES.entrySet()) {
            row(out, byLabel, entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
        }

        if (byLabel.keySet().stream().anyMatch(label -> label.startsWith("orthogonal"))) {
            out.append("\n| orthogonal, float32 | ms/op | raw geqrf ms/op | ratio | alloc MB/op |\n|---|---|---|---|---|\n");
            for (String size : new String[] {"256", "1024", "2048"}) {
                RunResult ours = byLabel.get("orthogonal[" + size + "]");
                RunResult raw = byLabel.get("rawGeqrf[" + size + "]");
                if (ours != null && raw != null) {
                    out.append(String.format("| %sx%s | %s | %s | %.2fx | %s |%n", size, size, score(ours), score(raw),
                            ratio(ours, raw), allocMb(ours)));
                }
            }
        }
        for (Map.Entry<String, RunResult> entry : byLabel.entrySet()) {
            if (!entry.getKey().startsWith("values")) {
                continue;
            }
            Result primary = entry.getValue().getPrimaryResult();
            out.append(String.format("%n%s: %.0f M values/s (+- %.0f), alloc %s MB/op%n", entry.getKey(),
                    primary.getScore() * FillBenchmark.SIZE * FillBenchmark.SIZE / 1e6 * 1000,
                    primary.getScoreError() * FillBenchmark.SIZE * FillBenchmark.SIZE / 1e6 * 1000,
                    allocMb(entry.getValue())));
        }
        if (byLabel.keySet().stream().anyMatch(label -> label.startsWith("scale"))) {
            out.append("\n| scale (float, single shots) | 1M | 16M | 128M | 1B | heap MB/op at 1B |\n|---|---|---|---|---|---|\n");
            for (String name : new String[] {"scaleTorchUniform", "scaleTorchNormal", "scaleTruncNormal",
                    "scaleKaimingNormal"}) {
                StringBuilder row = new StringBuilder("| " + name + " (ns/element)");
                RunResult last = null;
                for (String size : new String[] {"1000000", "16000000", "128000000", "1000000000"}) {
                    RunResult r = byLabel.get(name + "[" + size + "]");
                    row.append(r == null ? " | " : String.format(" | %.2f", r.getPrimaryResult().getStatistics().getMin()
                            * 1e6 / Long.parseLong(size)));
                    last = r != null ? r : last;
                }
                out.append(row).append(" | ").append(last == null ? "" : allocMb(last)).append(" |\n");
            }
        }
        RunResult dl4jInit = byLabel.get("dl4jInit");
        if (dl4jInit != null) {
            out.append("\n| ResNet-50 ComputationGraph | ms/op | vs DL4J init() |\n|---|---|---|\n");
            for (String name : new String[] {"dl4jInit", "walkerResnetRecipe", "twoPassTorchExact", "onePassTorchExact"}) {
                RunResult result = byLabel.get(name);
                if (result != null) {
                    out.append(String.format("| %s | %s | %.2fx |%n", name, score(result), ratio(result, dl4jInit)));
                }
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Map<String, RunResult> byLabel, String name, String raw, String dl4j) {
        RunResult result = byLabel.get(name);
        if (result == null) {
            return;
        }
        String vsRaw = raw == null || !byLabel.containsKey(raw) ? "" : String.format("%.2fx", ratio(result, byLabel.get(raw)));
        String vsDl4j = dl4j == null || !byLabel.containsKey(dl4j) ? ""
                : String.format("%.2fx (%s)", ratio(result, byLabel.get(dl4j)), dl4j);
        String vsFill = byLabel.containsKey("memoryFill") ? String.format("%.1fx", ratio(result, byLabel.get("memoryFill"))) : "";
        out.append(String.format("| %s | %s | %s | %s | %s | %s |%n", name, score(result), vsRaw, vsDl4j, vsFill,
                allocMb(result)));
    }

    private static String label(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String size = result.getParams().getParam("size");
        if (size == null) {
            size = result.getParams().getParam("elements");
        }
        return size == null ? method : method + "[" + size + "]";
    }

    private static double ratio(RunResult result, RunResult baseline) {
        return result.getPrimaryResult().getScore() / baseline.getPrimaryResult().getScore();
    }

    private static String score(RunResult result) {
        Result primary = result.getPrimaryResult();
        return String.format("%.2f ± %.2f", primary.getScore(), primary.getScoreError());
    }

    private static String allocMb(RunResult result) {
        for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format("%.2f", secondary.getValue().getScore() / 1e6);
            }
        }
        return "";
    }
}
