package org.nninit.samples;

import java.nio.file.Path;

/**
 * Settings shared by the recipe samples.
 *
 * @param steps  training iterations after initialization
 * @param batch  examples per batch (the report uses one batch)
 * @param seed   seed for data and weights
 * @param outDir folder for the report's CSV and PNG, null for none
 * @param print  whether to print the report and progress
 */
public record RecipeConfig(int steps, int batch, long seed, Path outDir, boolean print) {
    public RecipeConfig {
        Cli.atLeast("steps", steps, 0);
        Cli.atLeast("batch", batch, 2);
    }

    static RecipeConfig fromArgs(String[] args, String usage, int defaultSteps, int defaultBatch) {
        Cli cli = Cli.parse(args, usage + """

                  --steps=N   training iterations (default %d)
                  --batch=N   batch size (default %d)
                  --seed=N    (default 1)
                  --out=DIR   folder for the report's CSV and PNG (default samples/target/nn-init-showcase)
                  --help      this text""".formatted(defaultSteps, defaultBatch));
        if (cli == null) {
            return null;
        }
        return new RecipeConfig(cli.intOr("steps", defaultSteps), cli.intOr("batch", defaultBatch),
                cli.longOr("seed", 1), cli.pathOr("out", Showcase.defaultOutDir()), true);
    }
}
