package org.nninit.dl4j.weights;

/**
 * Where a fan-based adapter takes its fans from: {@link XavierUniformInit}, {@link XavierNormalInit},
 * {@link KaimingUniformInit}, {@link KaimingNormalInit}, or {@link TorchWeightInit} over any
 * {@link org.nninit.FanInitializer} (Keras's {@link org.nninit.VarianceScaling} included).
 *
 * <p>DL4J passes its own fans to {@code IWeightInit.init}, and for several layers they are not PyTorch's: the
 * convolution fan-out is divided by the stride, {@code Convolution1DLayer} counts the kernel twice, LSTM
 * passes {@code fanIn = hidden}, Embedding passes {@code fanIn = 1}. {@link #TORCH}, the default, ignores them
 * and computes PyTorch's {@code _calculate_fan_in_and_fan_out} from the parameter's PyTorch layout.
 *
 * <pre>{@code
 * new KaimingNormalInit(0, FanMode.FAN_OUT, Nonlinearity.RELU, FanSource.DL4J)   // DL4J's stride-divided fan-out
 * }</pre>
 */
public enum FanSource {
    /** PyTorch's fans of the parameter in PyTorch layout (the default). */
    TORCH,
    /** The {@code fanIn}/{@code fanOut} DL4J's parameter initializer passes. */
    DL4J
}
