package org.nninit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which axes of a weight are its inputs and outputs, for the fan rules of {@link VarianceScaling} and the
 * placement of {@link DeltaOrthogonal}: JAX's {@code in_axis}, {@code out_axis} and {@code batch_axis}
 * ({@code jax.nn.initializers._compute_fans}). Every other axis is the receptive field:
 * {@code fanIn = prod(shape[inAxes]) * receptive} and {@code fanOut = prod(shape[outAxes]) * receptive}, the
 * batch axes left out of both.
 *
 * <ul>
 *   <li>{@link #TORCH}: PyTorch's {@code [out, in, k...]} (in = 1, out = 0), the fans of
 *   {@code _calculate_fan_in_and_fan_out} and of {@link Fans}; every array nn-init hands out (the DL4J adapters
 *   and walker included) is in this layout.</li>
 *   <li>{@link #KERAS}: Keras/TensorFlow's and JAX's kernels {@code [k..., in, out]} (HWIO; in = -2, out = -1),
 *   with Keras's {@code compute_fans} rule for vectors and scalars (fan_in = fan_out = {@code shape[0]}, or 1).</li>
 *   <li>{@link #TRANSPOSED_CONV}: a transposed convolution's {@code [in, out, k...]} (IOHW; in = 0, out = 1),
 *   the true fans where PyTorch's rule swaps them.</li>
 *   <li>{@link #axes(int[], int[], int[])}: any axes, negative ones counted from the end, as JAX takes them.</li>
 * </ul>
 *
 * <pre>{@code
 * FanLayout.KERAS.fans(new long[] {3, 3, 16, 32});                                  // [144, 288]
 * FanLayout.axes(new int[] {-2}, new int[] {-1}, new int[] {0}).fans(new long[] {8, 16, 32});   // [16, 32]
 * }</pre>
 *
 * @param inAxes     the input axes (at least one)
 * @param outAxes    the output axes (at least one)
 * @param batchAxes  axes counted in neither fan
 * @param vectorFans whether rank 0 and 1 shapes get Keras's fans ({@code 1}, {@code shape[0]}) rather than
 *                   an error (PyTorch and JAX reject them)
 */
public record FanLayout(List<Integer> inAxes, List<Integer> outAxes, List<Integer> batchAxes, boolean vectorFans) {

    /** PyTorch's {@code [out, in, k...]}. */
    public static final FanLayout TORCH = axes(new int[] {1}, new int[] {0}, new int[0]);
    /** Keras's and JAX's {@code [k..., in, out]}, with Keras's fans for vectors. */
    public static final FanLayout KERAS = new FanLayout(List.of(-2), List.of(-1), List.of(), true);
    /** A transposed convolution's {@code [in, out, k...]}. */
    public static final FanLayout TRANSPOSED_CONV = axes(new int[] {0}, new int[] {1}, new int[0]);

    /** @throws IllegalArgumentException when a list is null or holds null, or the in or out list is empty */
    public FanLayout {
        inAxes = copy("inAxes", inAxes, false);
        outAxes = copy("outAxes", outAxes, false);
        batchAxes = copy("batchAxes", batchAxes, true);
    }

    /** JAX's {@code in_axis}, {@code out_axis}, {@code batch_axis}; rank 0 and 1 shapes are rejected. */
    public static FanLayout axes(int[] inAxes, int[] outAxes, int[] batchAxes) {
        return new FanLayout(list(inAxes), list(outAxes), list(batchAxes), false);
    }

    /**
     * {@code [fanIn, fanOut]} of a shape in this layout.
     *
     * @throws IllegalArgumentException when the rank is below 2 (without {@link #vectorFans}), an axis is out of
     *                                  range for the shape, or an axis is named twice
     */
    public long[] fans(long[] shape) {
        if (shape.length < 2) {
            if (!vectorFans) {
                throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than"
                        + " 2 dimensions (shape " + Arrays.toString(shape) + ", layout " + this + ")");
            }
            long fan = shape.length == 0 ? 1 : shape[0];
            return new long[] {fan, fan};
        }
        boolean[] used = new boolean[shape.length];
        long in = product("inAxes", inAxes, shape, used);
        long out = product("outAxes", outAxes, shape, used);
        product("batchAxes", batchAxes, shape, used);
        long receptive = 1;
        for (int d = 0; d < shape.length; d++) {
            receptive *= used[d] ? 1 : shape[d];
        }
        return new long[] {in * receptive, out * receptive};
    }

    /** {@code axis} as an index into a shape of {@code rank}, negative ones counted from the end. */
    static int resolve(String name, int axis, long[] shape) {
        if (axis < -shape.length || axis >= shape.length) {
            throw new IllegalArgumentException(name + " holds axis " + axis + ", out of range for shape "
                    + Arrays.toString(shape));
        }
        return axis < 0 ? axis + shape.length : axis;
    }

    private static long product(String name, List<Integer> axes, long[] shape, boolean[] used) {
        long product = 1;
        for (int axis : axes) {
            int d = resolve(name, axis, shape);
            if (used[d]) {
                throw new IllegalArgumentException(name + " names axis " + axis + " of shape " + Arrays.toString(shape)
                        + " a second time: axes must be distinct across inAxes, outAxes and batchAxes");
            }
            used[d] = true;
            product *= shape[d];
        }
        return product;
    }

    private static List<Integer> copy(String name, List<Integer> axes, boolean mayBeEmpty) {
        if (axes == null || axes.stream().anyMatch(java.util.Objects::isNull) || (!mayBeEmpty && axes.isEmpty())) {
            throw new IllegalArgumentException(name + " must be a " + (mayBeEmpty ? "" : "non-empty ")
                    + "list of axes, but found " + name + "=" + axes);
        }
        return List.copyOf(axes);
    }

    private static List<Integer> list(int[] axes) {
        if (axes == null) {
            return null;
        }
        List<Integer> list = new ArrayList<>(axes.length);
        for (int axis : axes) {
            list.add(axis);
        }
        return list;
    }
}
