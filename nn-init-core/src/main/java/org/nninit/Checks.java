package org.nninit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The argument checks every initializer shares, in one place. Each failure is an
 * {@link IllegalArgumentException} naming the argument and its value; callers run them before the first write
 * or draw, so a call that fails leaves the tensor and the generator as they were.
 */
final class Checks {

    private static final Set<DataType> FLOATING = EnumSet.of(DataType.FLOAT, DataType.DOUBLE, DataType.HALF,
            DataType.BFLOAT16);

    private Checks() {
    }

    static void requireFloating(INDArray tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("tensor is null (a DL4J TorchModule's weight()/bias() is null where the"
                    + " layer has none; TorchModule.fill(name, fn) names the layer)");
        }
        if (!FLOATING.contains(tensor.dataType())) {
            throw new IllegalArgumentException("tensor has dtype " + tensor.dataType()
                    + "; only FLOAT, DOUBLE, HALF and BFLOAT16 arrays can be initialized");
        }
    }

    static void requireRank(INDArray tensor, int rank) {
        if (tensor.rank() != rank) {
            throw new IllegalArgumentException("Only tensors with " + rank + " dimensions are supported (tensor rank "
                    + tensor.rank() + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
    }

    static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, but found " + name + "=" + value);
        }
    }

    static void requireGain(double gain) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be finite and >= 0, but found gain=" + gain);
        }
    }

    static void checkNormal(double mean, double std) {
        requireFinite("mean", mean);
        requireFinite("std", std);
        if (std < 0) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std=" + std);
        }
    }

    static void checkUniformBounds(double a, double b) {
        requireFinite("a", a);
        requireFinite("b", b);
        if (a > b) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found a=" + a
                    + " > b=" + b);
        }
    }

    /** The span U(a, b) is computed in the tensor's type: it must not overflow it. */
    static void requireSpan(INDArray tensor, String function, double a, double b) {
        if (!(b - a <= maxOf(tensor.dataType()))) {
            throw new IllegalArgumentException(function + " expects b - a <= the largest " + tensor.dataType()
                    + " value (" + maxOf(tensor.dataType()) + "), but found a=" + a + ", b=" + b);
        }
    }

    /** The largest finite value of a floating type. */
    static double maxOf(DataType type) {
        return switch (type) {
            case DOUBLE -> Double.MAX_VALUE;
            case HALF -> 65504.0;
            case BFLOAT16 -> 0x1.FEp127;
            default -> Float.MAX_VALUE;
        };
    }

    /** A value the tensor's type cannot hold would be written as an infinity: rejected instead. */
    static void requireRepresentable(INDArray tensor, String name, double value) {
        if (Math.abs(value) > maxOf(tensor.dataType())) {
            throw new IllegalArgumentException(name + " must be representable in " + tensor.dataType() + " (|" + name
                    + "| <= " + maxOf(tensor.dataType()) + "), but found " + name + "=" + value);
        }
    }

    /** A fan DL4J (or a caller) passes in place of the tensor's own, checked to be usable as a divisor. */
    static void requirePositiveFan(String name, double fan) {
        if (!(fan > 0) || Double.isInfinite(fan)) {
            throw new IllegalArgumentException(name + " must be positive and finite, but found " + name + "=" + fan);
        }
    }
}
