package org.nninit.samples;

import org.nninit.dl4j.report.Health;

/**
 * Statistics of one layer of a {@link VarianceExplorer} network over the whole batch and all units.
 *
 * @param layer            1-based layer number
 * @param preMean          mean of W·x + b
 * @param preStd           std of W·x + b
 * @param postMean         mean of the activation
 * @param postStd          std of the activation
 * @param postSecondMoment mean of the squared activation, the quantity He et al. (2015) show a ReLU
 *                         network with their init preserves from layer to layer
 * @param deadFraction     fraction of units that are 0 for every example
 * @param health           the verdict from the pre-activation std and dead fraction
 */
public record LayerMoments(int layer, double preMean, double preStd, double postMean, double postStd,
                           double postSecondMoment, double deadFraction, Health health) {
}
