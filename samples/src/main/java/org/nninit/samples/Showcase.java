package org.nninit.samples;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the README's run command executes: the {@link QuickStart}, the {@link VarianceExplorer} (why
 * initialization matters) and the
 * {@link ResNetRecipe} (a recipe and its {@link org.nninit.dl4j.report.InitReport}), writing every plot
 * under {@code samples/target/nn-init-showcase/}.
 */
public final class Showcase {

    private static final String USAGE = """
            Showcase: the quick start, VarianceExplorer, then the ResNet recipe with its InitReport.
              --out=DIR   folder for plots and CSVs (default samples/target/nn-init-showcase)
              --help      this text
            Each sample has its own main and --help: VarianceExplorer, DeepReluTraining, ResNetRecipe,
            TransformerRecipe, GanRecipe (run with -Dexec.mainClass=org.nninit.samples.NAME).""";

    private Showcase() {
    }

    /**
     * The default output folder: {@code target/nn-init-showcase} under the samples module, whether Maven
     * runs from the repository root ({@code -pl samples}) or from {@code samples/}.
     */
    static Path defaultOutDir() {
        Path here = Path.of("").toAbsolutePath();
        Path module = here.getFileName() != null && here.getFileName().toString().equals("samples")
                ? here : here.resolve("samples");
        return module.resolve("target").resolve("nn-init-showcase");
    }

    public static void main(String[] args) {
        Cli cli = Cli.parse(args, USAGE);
        if (cli == null) {
            return;
        }
        Path out = cli.pathOr("out", defaultOutDir());
        long start = System.nanoTime();
        QuickStart.main(new String[0]);
        VarianceExplorer.run(VarianceExplorer.Config.defaults(out));
        ResNetRecipe.run(new RecipeConfig(30, 64, 1, out, true));
        System.out.printf(Locale.ROOT, "%nShowcase done in %.1f s. Plots and CSVs: %s%n",
                (System.nanoTime() - start) / 1e9, out.toAbsolutePath());
    }
}
