/**
 * Every {@code torch.nn.init} function, and every other {@link org.nninit.Initializer} (Keras's, JAX's and timm's
 * included), as a DL4J {@link org.deeplearning4j.nn.weights.IWeightInit} for {@code .weightInit(...)}: one generic
 * adapter, {@link org.nninit.dl4j.weights.TorchWeightInit}, over the value, and one thin class per PyTorch
 * function ({@code KaimingNormalInit}, ...) under the names and constructors earlier versions had. Immutable,
 * JSON- and {@code ModelSerializer}-round-trippable, drawing from the network's seeded ND4J RNG, with PyTorch's
 * fans of the parameter's PyTorch layout by default ({@link org.nninit.dl4j.weights.FanSource}).
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(3, 3).nOut(64)
 *         .weightInit(new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU)).build();
 * new DenseLayer.Builder().nIn(256).nOut(128).weightInit(new TorchWeightInit(VarianceScaling.heNormal())).build();
 * }</pre>
 */
package org.nninit.dl4j.weights;
