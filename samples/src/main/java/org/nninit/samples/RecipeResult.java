package org.nninit.samples;

import org.nninit.dl4j.report.InitReport;

/**
 * What a recipe sample produced.
 *
 * @param report the InitReport right after initialization
 * @param losses the training loss after each step
 */
public record RecipeResult(InitReport report, double[] losses) {
}
