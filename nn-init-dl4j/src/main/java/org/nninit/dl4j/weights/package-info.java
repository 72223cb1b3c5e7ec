/**
 * Every {@code torch.nn.init} function as a DL4J {@link org.deeplearning4j.nn.weights.IWeightInit} for
 * {@code .weightInit(...)}: immutable, JSON- and {@code ModelSerializer}-round-trippable, drawing from the
 * network's seeded ND4J RNG, with PyTorch's fans of the parameter's PyTorch layout by default
 * ({@link org.nninit.dl4j.weights.FanSource}).
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(3, 3).nOut(64)
 *         .weightInit(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU)).build();
 * }</pre>
 */
package org.nninit.dl4j.weights;
