package org.nninit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.openjdk.jmh.results.RunResult;

/**
 * PyTorch's timings for {@link BenchMain}'s {@code --torch} table: runs {@code tools/bench/torch_side_by_side.py}
 * with {@code /usr/bin/python3} and pairs each task with the nn-init benchmark doing the same job.
 */
final class TorchSide {

    /** PyTorch task, nn-init benchmark label, what both compute. */
    private static final String[][] PAIRS = {
        {"uniform_4096", "valuesTorchUniform", "uniform_ 4096x4096 float, PyTorch's stream (TorchGenerator)"},
        {"normal_4096", "valuesTorchNormal", "normal_ 4096x4096 float, PyTorch's stream (TorchGenerator)"},
        {"trunc_normal_4096", "truncNormalRejection", "trunc_normal_(std 0.02, [-2σ, 2σ]) 4096x4096 (nn-init: REJECTION, ND4J RNG; PyTorch 1.13: inverse CDF)"},
        {"orthogonal_1024", "orthogonal[1024]", "orthogonal_ 1024x1024 float"},
        {"resnet50", "onePassTorchExact", "ResNet-50 with PyTorch's initial weights (nn-init: NnInit.create + Recipes.resnet, TorchGenerator; PyTorch: torchvision.models.resnet50())"},
        {"resnet50", "twoPassTorchExact", "the same, DL4J init() then the recipe"},
    };

    private TorchSide() {
    }

    /** PyTorch's milliseconds per task, or an empty map (with a message) when there is no torch to run. */
    static Map<String, Double> run() throws IOException {
        Path script = locate();
        if (script == null || !Files.isExecutable(Path.of("/usr/bin/python3"))) {
            System.out.println("--torch: no /usr/bin/python3 or tools/bench/torch_side_by_side.py; ND4J/DL4J ratios only");
            return Map.of();
        }
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                System.out.println("--torch: PyTorch is not usable here (" + new String(
                        process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip() + "); ND4J/DL4J ratios only");
                return Map.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        JsonNode json = new ObjectMapper().readTree(out);
        System.out.println("--torch: " + json);
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                ms.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return ms;
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("tools/bench/torch_side_by_side.py");
            if (Files.exists(script)) {
                return script;
            }
        }
        return null;
    }

    static Map<String, Double> minimum(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> min = new LinkedHashMap<>(a);
        b.forEach((k, v) -> min.merge(k, v, Math::min));
        return min;
    }

    /** The side-by-side table: best times on both sides, and PyTorch's time over ours. */
    static String table(Map<String, Double> torch, Map<String, RunResult> byLabel) {
        if (torch.isEmpty()) {
            return "\nPyTorch: not available on this machine; no side-by-side table.\n";
        }
        StringBuilder out = new StringBuilder(String.format("%n| task | nn-init ms (best JMH iteration) | PyTorch ms "
                + "(best of 2 x 7, threads %s) | nn-init speed vs PyTorch |%n|---|---|---|---|%n", torch.getOrDefault("threads", Double.NaN).intValue()));
        for (String[] pair : PAIRS) {
            RunResult ours = byLabel.get(pair[1]);
            Double theirs = torch.get(pair[0]);
            if (ours == null || theirs == null) {
                continue;
            }
            double ms = milliseconds(ours);
            out.append(String.format("| %s | %.1f | %.1f | %.2fx |%n", pair[2], ms, theirs, theirs / ms));
        }
        return out.toString();
    }

    /**
     * nn-init's best JMH iteration in milliseconds per operation, whatever the benchmark's mode: the least
     * disturbed measurement, as PyTorch's side reports its best of several runs.
     */
    private static double milliseconds(RunResult result) {
        var statistics = result.getPrimaryResult().getStatistics();
        String unit = result.getPrimaryResult().getScoreUnit();
        return unit.startsWith("ops/") ? 1 / statistics.getMax() : statistics.getMin();
    }
}
