package org.nninit.samples;

import java.util.Locale;

import org.nninit.dl4j.report.InitReport;

/** Prints a recipe's report and writes its CSV and PNG. */
final class ReportOutput {

    private ReportOutput() {
    }

    static void emit(InitReport report, String name, RecipeConfig config) {
        if (config.print()) {
            System.out.println(report);
        }
        if (config.outDir() != null) {
            var csv = report.writeCsv(config.outDir().resolve(name + "-init-report.csv"));
            var png = report.writePlot(config.outDir().resolve(name + "-init-report.png"));
            if (config.print()) {
                System.out.printf(Locale.ROOT, "Report written: %s, %s%n", csv.toAbsolutePath(),
                        png.toAbsolutePath());
            }
        }
    }

    static void step(RecipeConfig config, int step, double loss) {
        if (config.print() && (step == 1 || step % Math.max(1, config.steps() / 5) == 0 || step == config.steps())) {
            System.out.printf(Locale.ROOT, "  step %3d  loss %.4f%n", step, loss);
        }
    }
}
