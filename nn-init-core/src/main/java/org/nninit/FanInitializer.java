package org.nninit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.random.Generator;

/**
 * An {@link Initializer} whose scale comes from fans, which can also take the fans from the caller instead of
 * the tensor's shape: DL4J passes its own to {@code IWeightInit.init}, and {@code FanSource.DL4J} uses them.
 *
 * <pre>{@code
 * new KaimingNormal().fill(w, 288, 64, null);   // std = sqrt(2 / (1 + 0.0^2)) / sqrt(288): fan_in from the caller
 * }</pre>
 */
public interface FanInitializer extends Initializer {

    /**
     * Fills {@code tensor} as {@link #fill(INDArray, Generator)} does, with {@code fanIn} and {@code fanOut}
     * in place of the tensor's fans (they may be fractional, as DL4J's stride-divided ones are).
     *
     * @throws IllegalArgumentException when a fan this function divides by is not positive and finite
     */
    INDArray fill(INDArray tensor, double fanIn, double fanOut, Generator generator);
}
