package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * One initialization function as an immutable value: its arguments are checked once, when it is constructed,
 * and {@link #fill(INDArray, Generator)} applies it to any number of arrays. Every {@link Init} function is one
 * of these records ({@link KaimingNormal}, {@link XavierUniform}, ...), and so are the peers' initializers
 * ({@link VarianceScaling}, {@link ColumnOrthogonal}, {@link DeltaOrthogonal}, {@link Identity},
 * {@link TruncNormalTf}). As values they can be stored, compared, printed, and turned into a DL4J
 * {@code IWeightInit} by {@code org.nninit.dl4j.weights.TorchWeightInit}.
 *
 * <p>This plays the part of Keras's {@code keras.initializers.Initializer} and of JAX's {@code Initializer}
 * protocol; the arguments that PyTorch passes as keywords are record components with withers:
 *
 * <pre>{@code
 * INDArray w = Nd4j.create(DataType.FLOAT, 64, 3, 7, 7);
 * // nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
 * new KaimingNormal().mode(FanMode.FAN_OUT).nonlinearity(Nonlinearity.RELU).fill(w);
 * Initializer he = VarianceScaling.heNormal();          // keras.initializers.HeNormal()
 * he.fill(w, new TorchGenerator(0));
 * }</pre>
 *
 * <p>Not sealed on purpose: a new function is one new record file, nothing else to edit.
 */
public interface Initializer {

    /**
     * Fills {@code tensor} in place and returns it. The tensor is read as a PyTorch tensor of its shape, in
     * row-major logical order, whatever its memory order or strides. Checks that depend on the tensor (dtype,
     * rank, representable values) run before anything is written or drawn.
     *
     * @param generator the source of randomness; {@code null} draws from ND4J's global RNG
     * @throws IllegalArgumentException when the tensor cannot take this function; it is then left unchanged
     */
    INDArray fill(INDArray tensor, Generator generator);

    /** {@link #fill(INDArray, Generator)} from ND4J's global RNG. */
    default INDArray fill(INDArray tensor) {
        return fill(tensor, null);
    }

    /**
     * Whether every element is drawn independently of the shape: no fans, no QR, no per-row or per-column
     * structure. Such a function gives the same values on any reshape of the same elements.
     */
    boolean elementwise();

    /**
     * Whether the function writes chosen positions (a diagonal, kernel centres, zeros per column, a QR factor)
     * rather than one draw or assignment over every element. The DL4J adapter runs such functions on a
     * contiguous copy of the parameter.
     */
    default boolean structured() {
        return false;
    }
}
