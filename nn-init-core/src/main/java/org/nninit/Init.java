package org.nninit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.internal.memory.ArrayElements;
import org.nninit.random.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch's {@code torch.nn.init}, on ND4J arrays: every function fills its argument in place and returns it.
 *
 * <p>Semantics are PyTorch's: the same defaults, formulas, fan rules ({@link Fans}) and argument checks. An
 * array is read as a PyTorch tensor of the same shape ({@code [out, in, k...]} for weights), whatever its
 * memory order, strides or floating dtype (FLOAT, DOUBLE, HALF, BFLOAT16; HALF and BFLOAT16 are computed in
 * float and rounded to nearest). Bad arguments raise {@link IllegalArgumentException} naming the argument and
 * its value, and a call that throws leaves the array exactly as it was. An array with no elements is left
 * alone (Kaiming logs PyTorch's warning).
 *
 * <p>Random functions take an optional {@link Generator}; without one (or with {@code null}) they draw from
 * ND4J's global RNG through native random ops, so DL4J's {@code .seed(...)} keeps them reproducible and the
 * CUDA backend runs them on the GPU. With a {@link org.nninit.random.TorchGenerator} they reproduce PyTorch's
 * CPU numbers for the same seed.
 *
 * <pre>{@code
 * INDArray w = Nd4j.create(DataType.FLOAT, 256, 128);                       // torch.empty(256, 128)
 * Init.kaimingNormal(w, 0, FanMode.FAN_OUT, Nonlinearity.RELU, null);      // kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
 * Init.zeros(bias);                                                        // zeros_(bias)
 * }</pre>
 */
public final class Init {

    private static final Logger LOG = LoggerFactory.getLogger(Init.class);
    private static final Set<DataType> FLOATING = EnumSet.of(DataType.FLOAT, DataType.DOUBLE, DataType.HALF,
            DataType.BFLOAT16);

    private Init() {
    }

    // ---------------------------------------------------------------- gains

    /** {@code calculate_gain(nonlinearity)}: see {@link Nonlinearity} for the table. */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, null);
    }

    /**
     * {@code calculate_gain(nonlinearity, param)}.
     *
     * <pre>{@code
     * Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2);   // sqrt(2 / 1.04)
     * }</pre>
     *
     * @param param negative slope for {@code LEAKY_RELU} ({@code null}: 0.01); ignored otherwise
     */
    public static double calculateGain(Nonlinearity nonlinearity, Double param) {
        if (nonlinearity == null) {
            throw new IllegalArgumentException("Unsupported nonlinearity null");
        }
        return nonlinearity.gain(param);
    }

    /** {@code calculate_gain('tanh')} and friends, by PyTorch's name. */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, null);
    }

    /** {@code calculate_gain(name, param)} by PyTorch's name, e.g. {@code calculateGain("leaky_relu", 0.2)}. */
    public static double calculateGain(String nonlinearity, Double param) {
        return Nonlinearity.fromTorchName(nonlinearity).gain(param);
    }

    // ---------------------------------------------------------------- plain distributions

    /** {@code uniform_(t)}: U[0, 1). */
    public static INDArray uniform(INDArray tensor) {
        return uniform(tensor, 0, 1, null);
    }

    /** {@code uniform_(t, a, b)}: U[a, b) from the global RNG. */
    public static INDArray uniform(INDArray tensor, double a, double b) {
        return uniform(tensor, a, b, null);
    }

    /**
     * {@code uniform_(t, a, b, generator=g)}: fills {@code tensor} with U[a, b).
     *
     * <pre>{@code
     * Init.uniform(w, -0.1, 0.1, new TorchGenerator(0));   // torch.manual_seed(0); nn.init.uniform_(w, -0.1, 0.1)
     * }</pre>
     *
     * @throws IllegalArgumentException when a or b is not finite or {@code a > b}
     */
    public static INDArray uniform(INDArray tensor, double a, double b, Generator generator) {
        requireFloating(tensor);
        checkUniformBounds(tensor, a, b);
        if (!tensor.isEmpty()) {
            Generator.orGlobal(generator).fillUniform(tensor, a, b);
        }
        return tensor;
    }

    /** {@code normal_(t)}: N(0, 1). */
    public static INDArray normal(INDArray tensor) {
        return normal(tensor, 0, 1, null);
    }

    /** {@code normal_(t, mean, std)} from the global RNG. */
    public static INDArray normal(INDArray tensor, double mean, double std) {
        return normal(tensor, mean, std, null);
    }

    /**
     * {@code normal_(t, mean, std, generator=g)}: fills {@code tensor} with N(mean, std^2).
     *
     * <pre>{@code
     * Init.normal(embedding, 0, 0.02, null);   // nn.init.normal_(embedding, 0, 0.02)
     * }</pre>
     *
     * @throws IllegalArgumentException when mean is not finite, or std is negative or not finite
     */
    public static INDArray normal(INDArray tensor, double mean, double std, Generator generator) {
        requireFloating(tensor);
        checkNormal(mean, std);
        requireRepresentable(tensor, "mean", mean);
        requireRepresentable(tensor, "std", std);
        if (!tensor.isEmpty()) {
            Generator.orGlobal(generator).fillNormal(tensor, mean, std);
        }
        return tensor;
    }

    /** {@code trunc_normal_(t)}: N(0, 1) truncated to [-2, 2]. */
    public static INDArray truncNormal(INDArray tensor) {
        return truncNormal(tensor, 0, 1, -2, 2, TruncNormalMethod.DEFAULT, null);
    }

    /** {@code trunc_normal_(t, mean, std, a, b)} from the global RNG with the current PyTorch algorithm. */
    public static INDArray truncNormal(INDArray tensor, double mean, double std, double a, double b) {
        return truncNormal(tensor, mean, std, a, b, TruncNormalMethod.DEFAULT, null);
    }

    /** {@code trunc_normal_(t, mean, std, a, b, generator=g)} with the current PyTorch algorithm. */
    public static INDArray truncNormal(INDArray tensor, double mean, double std, double a, double b,
                                       Generator generator) {
        return truncNormal(tensor, mean, std, a, b, TruncNormalMethod.DEFAULT, generator);
    }

    /**
     * {@code trunc_normal_(t, mean, std, a, b)}: N(mean, std^2) restricted to [a, b], with the algorithm of
     * the chosen PyTorch release (see {@link TruncNormalMethod}).
     *
     * <pre>{@code
     * Init.truncNormal(w, 0, 0.02, -0.04, 0.04, TruncNormalMethod.REJECTION, null);   // ViT-style init
     * }</pre>
     *
     * @throws IllegalArgumentException when a parameter is not finite or not representable in the tensor's type,
     *                                  {@code std <= 0}, {@code a >= b}, or (REJECTION) {@code b - a} overflows the
     *                                  type; nothing is written or drawn then
     */
    public static INDArray truncNormal(INDArray tensor, double mean, double std, double a, double b,
                                       TruncNormalMethod method, Generator generator) {
        requireFloating(tensor);
        requireFinite("mean", mean);
        requireFinite("std", std);
        requireFinite("a", a);
        requireFinite("b", b);
        if (std <= 0) {
            throw new IllegalArgumentException("trunc_normal_ expects std > 0.0, but found std=" + std);
        }
        if (a >= b) {
            throw new IllegalArgumentException("trunc_normal_ expects a < b, but found a=" + a + ", b=" + b);
        }
        if (method == null) {
            throw new IllegalArgumentException("method is null");
        }
        // checked here, before any draw: the methods fill the tensor in steps and would fail half-way
        requireRepresentable(tensor, "mean", mean);
        requireRepresentable(tensor, "std", std);
        requireRepresentable(tensor, "a", a);
        requireRepresentable(tensor, "b", b);
        if (method == TruncNormalMethod.REJECTION && !(b - a <= maxOf(tensor.dataType()))) {
            throw new IllegalArgumentException("trunc_normal_ (REJECTION) proposes from U(a, b) and expects b - a <= "
                    + "the largest " + tensor.dataType() + " value (" + maxOf(tensor.dataType()) + "), but found a="
                    + a + ", b=" + b);
        }
        if (mean < a - 2 * std || mean > b + 2 * std) {
            LOG.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. "
                    + "The distribution of values may be incorrect.");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        Generator source = Generator.orGlobal(generator);
        if (method == TruncNormalMethod.INVERSE_CDF) {
            TruncatedNormal.inverseCdf(tensor, mean, std, a, b, source);
        } else if (method == TruncNormalMethod.PRECISE_INVERSE_CDF) {
            TruncatedNormal.preciseInverseCdf(tensor, mean, std, a, b, source);
        } else {
            TruncatedNormal.rejection(tensor, mean, std, a, b, source);
        }
        return tensor;
    }

    // ---------------------------------------------------------------- constants and structure

    /** {@code constant_(t, val)}: every element set to {@code val}. */
    public static INDArray constant(INDArray tensor, double val) {
        requireFloating(tensor);
        // NaN and infinities can be held by every floating type (PyTorch's fill_ takes them too); a finite value
        // beyond the type's range cannot.
        if (Double.isFinite(val)) {
            requireRepresentable(tensor, "val", val);
        }
        if (!tensor.isEmpty()) {
            tensor.assign(val);
        }
        return tensor;
    }

    /** {@code ones_(t)}. */
    public static INDArray ones(INDArray tensor) {
        return constant(tensor, 1);
    }

    /** {@code zeros_(t)}. */
    public static INDArray zeros(INDArray tensor) {
        return constant(tensor, 0);
    }

    /**
     * {@code eye_(t)}: the 2-D identity, as many inputs preserved as the shape allows.
     *
     * @throws IllegalArgumentException when the array is not 2-D
     */
    public static INDArray eye(INDArray tensor) {
        requireFloating(tensor);
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported (tensor rank "
                    + tensor.rank() + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        tensor.assign(0);
        long diagonal = Math.min(tensor.size(0), tensor.size(1));
        for (long i = 0; i < diagonal; i++) {
            tensor.putScalar(i, i, 1.0);
        }
        return tensor;
    }

    /** {@code dirac_(t)}: identity-preserving convolution weights, one group. */
    public static INDArray dirac(INDArray tensor) {
        return dirac(tensor, 1);
    }

    /**
     * {@code dirac_(t, groups)}: a Dirac delta at the kernel centre for channel {@code d} of each group, so a
     * convolution with these weights copies as many input channels as it can.
     *
     * <pre>{@code
     * Init.dirac(Nd4j.create(DataType.FLOAT, 24, 8, 3, 3), 3);   // nn.init.dirac_(w, groups=3)
     * }</pre>
     *
     * @throws IllegalArgumentException when the array is not 3-, 4- or 5-D, or groups does not divide dim 0
     */
    public static INDArray dirac(INDArray tensor, int groups) {
        requireFloating(tensor);
        int rank = tensor.rank();
        if (rank < 3 || rank > 5) {
            throw new IllegalArgumentException("Only tensors with 3, 4, or 5 dimensions are supported (tensor rank "
                    + rank + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be positive, but found groups=" + groups);
        }
        long[] shape = tensor.shape();
        if (shape[0] % groups != 0) {
            throw new IllegalArgumentException("dim 0 must be divisible by groups (dim 0 = " + shape[0]
                    + ", groups=" + groups + ")");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        tensor.assign(0);
        long outChannelsPerGroup = shape[0] / groups;
        long preserved = Math.min(outChannelsPerGroup, shape[1]);
        long[] index = new long[rank];
        for (int dim = 2; dim < rank; dim++) {
            index[dim] = shape[dim] / 2;
        }
        for (long group = 0; group < groups; group++) {
            for (long d = 0; d < preserved; d++) {
                index[0] = group * outChannelsPerGroup + d;
                index[1] = d;
                tensor.putScalar(index, 1.0);
            }
        }
        return tensor;
    }

    // ---------------------------------------------------------------- Xavier / Glorot

    /** {@code xavier_uniform_(t)}, gain 1. */
    public static INDArray xavierUniform(INDArray tensor) {
        return xavierUniform(tensor, 1.0, null);
    }

    /** {@code xavier_uniform_(t, gain)}. */
    public static INDArray xavierUniform(INDArray tensor, double gain) {
        return xavierUniform(tensor, gain, null);
    }

    /** {@code xavier_uniform_(t, generator=g)}, gain 1. */
    public static INDArray xavierUniform(INDArray tensor, Generator generator) {
        return xavierUniform(tensor, 1.0, generator);
    }

    /**
     * {@code xavier_uniform_(t, gain, generator=g)}: U(-bound, bound) with
     * {@code bound = gain * sqrt(6 / (fanIn + fanOut))} (Glorot &amp; Bengio, 2010).
     *
     * <pre>{@code
     * Init.xavierUniform(w, Init.calculateGain("tanh"), null);
     * }</pre>
     *
     * @throws IllegalArgumentException when the array has fewer than 2 dimensions, or gain is negative or not
     *                                  finite (PyTorch's uniform_ rejects the bounds that follow)
     */
    public static INDArray xavierUniform(INDArray tensor, double gain, Generator generator) {
        requireFloating(tensor);
        requireGain(gain);
        Fans fans = Fans.of(tensor);
        if (tensor.isEmpty()) {
            return tensor;
        }
        double std = gain * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        double bound = Math.sqrt(3.0) * std;
        Generator.orGlobal(generator).fillUniform(tensor, -bound, bound);
        return tensor;
    }

    /** {@code xavier_normal_(t)}, gain 1. */
    public static INDArray xavierNormal(INDArray tensor) {
        return xavierNormal(tensor, 1.0, null);
    }

    /** {@code xavier_normal_(t, gain)}. */
    public static INDArray xavierNormal(INDArray tensor, double gain) {
        return xavierNormal(tensor, gain, null);
    }

    /** {@code xavier_normal_(t, generator=g)}, gain 1. */
    public static INDArray xavierNormal(INDArray tensor, Generator generator) {
        return xavierNormal(tensor, 1.0, generator);
    }

    /**
     * {@code xavier_normal_(t, gain, generator=g)}: N(0, std^2) with {@code std = gain * sqrt(2 / (fanIn + fanOut))}.
     *
     * <pre>{@code
     * Init.xavierNormal(w, 1.0, new TorchGenerator(0));
     * }</pre>
     *
     * @throws IllegalArgumentException when the array has fewer than 2 dimensions, or gain is negative or not
     *                                  finite (PyTorch's normal_ rejects the std that follows)
     */
    public static INDArray xavierNormal(INDArray tensor, double gain, Generator generator) {
        requireFloating(tensor);
        requireGain(gain);
        Fans fans = Fans.of(tensor);
        if (tensor.isEmpty()) {
            return tensor;
        }
        double std = gain * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        Generator.orGlobal(generator).fillNormal(tensor, 0, std);
        return tensor;
    }

    // ---------------------------------------------------------------- Kaiming / He

    /** {@code kaiming_uniform_(t)}: a=0, fan_in, leaky_relu. */
    public static INDArray kaimingUniform(INDArray tensor) {
        return kaimingUniform(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, null);
    }

    /** {@code kaiming_uniform_(t, generator=g)}: a=0, fan_in, leaky_relu. */
    public static INDArray kaimingUniform(INDArray tensor, Generator generator) {
        return kaimingUniform(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /** {@code kaiming_uniform_(t, a, mode, nonlinearity)} from the global RNG. */
    public static INDArray kaimingUniform(INDArray tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        return kaimingUniform(tensor, a, mode, nonlinearity, null);
    }

    /**
     * {@code kaiming_uniform_(t, a, mode, nonlinearity, generator=g)}: U(-bound, bound) with
     * {@code bound = sqrt(3) * gain / sqrt(fan)}, {@code gain = calculateGain(nonlinearity, a)} (He et al., 2015).
     *
     * <pre>{@code
     * Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, null);   // nn.Linear's default
     * }</pre>
     *
     * @throws IllegalArgumentException when the array has fewer than 2 dimensions, mode or nonlinearity is
     *                                  null, or {@code a} is not finite with {@code LEAKY_RELU}
     */
    public static INDArray kaimingUniform(INDArray tensor, double a, FanMode mode, Nonlinearity nonlinearity,
                                          Generator generator) {
        double std = kaimingStd(tensor, a, mode, nonlinearity);
        if (!Double.isNaN(std)) {
            double bound = Math.sqrt(3.0) * std;
            Generator.orGlobal(generator).fillUniform(tensor, -bound, bound);
        }
        return tensor;
    }

    /** {@code kaiming_normal_(t)}: a=0, fan_in, leaky_relu. */
    public static INDArray kaimingNormal(INDArray tensor) {
        return kaimingNormal(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, null);
    }

    /** {@code kaiming_normal_(t, generator=g)}: a=0, fan_in, leaky_relu. */
    public static INDArray kaimingNormal(INDArray tensor, Generator generator) {
        return kaimingNormal(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /** {@code kaiming_normal_(t, a, mode, nonlinearity)} from the global RNG. */
    public static INDArray kaimingNormal(INDArray tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        return kaimingNormal(tensor, a, mode, nonlinearity, null);
    }

    /**
     * {@code kaiming_normal_(t, a, mode, nonlinearity, generator=g)}: N(0, std^2) with
     * {@code std = gain / sqrt(fan)}, {@code gain = calculateGain(nonlinearity, a)}.
     *
     * <pre>{@code
     * Init.kaimingNormal(conv, 0, FanMode.FAN_OUT, Nonlinearity.RELU, null);   // torchvision ResNet
     * }</pre>
     *
     * @throws IllegalArgumentException as {@link #kaimingUniform(INDArray, double, FanMode, Nonlinearity, Generator)}
     */
    public static INDArray kaimingNormal(INDArray tensor, double a, FanMode mode, Nonlinearity nonlinearity,
                                         Generator generator) {
        double std = kaimingStd(tensor, a, mode, nonlinearity);
        if (!Double.isNaN(std)) {
            Generator.orGlobal(generator).fillNormal(tensor, 0, std);
        }
        return tensor;
    }

    /** The Kaiming std, or NaN when the tensor is empty and nothing is to be drawn (PyTorch only warns). */
    private static double kaimingStd(INDArray tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        requireFloating(tensor);
        if (mode == null) {
            throw new IllegalArgumentException("mode null not supported, please use one of [fan_in, fan_out]");
        }
        if (nonlinearity == null) {
            throw new IllegalArgumentException("Unsupported nonlinearity null");
        }
        if (tensor.isEmpty()) {
            LOG.warn("Initializing zero-element tensors is a no-op");
            return Double.NaN;
        }
        long fan = mode.select(Fans.of(tensor));
        double gain = nonlinearity.gain(a);
        return gain / Math.sqrt(fan);
    }

    // ---------------------------------------------------------------- orthogonal and sparse

    /** {@code orthogonal_(t)}, gain 1. */
    public static INDArray orthogonal(INDArray tensor) {
        return orthogonal(tensor, 1.0, null);
    }

    /** {@code orthogonal_(t, gain)}. */
    public static INDArray orthogonal(INDArray tensor, double gain) {
        return orthogonal(tensor, gain, null);
    }

    /** {@code orthogonal_(t, generator=g)}, gain 1. */
    public static INDArray orthogonal(INDArray tensor, Generator generator) {
        return orthogonal(tensor, 1.0, generator);
    }

    /**
     * {@code orthogonal_(t, gain, generator=g)}: a (semi-)orthogonal matrix (Saxe et al., 2013) scaled by
     * {@code gain}. The array is viewed as {@code [rows, cols] = [size(0), numel / size(0)]}; a normal(0, 1)
     * draw on that shape goes through LAPACK's QR ({@code geqrf}), transposed first when {@code rows < cols},
     * and Q's columns are multiplied by the signs of R's diagonal so that Q is Haar-distributed. Then
     * {@code W W^T = gain^2 I} (rows &lt;= cols) or {@code W^T W = gain^2 I} (rows &gt;= cols).
     *
     * <pre>{@code
     * Init.orthogonal(recurrentWeight, 1.0, null);
     * }</pre>
     *
     * @throws IllegalArgumentException when the array has fewer than 2 dimensions
     */
    public static INDArray orthogonal(INDArray tensor, double gain, Generator generator) {
        requireFloating(tensor);
        if (tensor.rank() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported (tensor rank "
                    + tensor.rank() + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        long rows = tensor.size(0);
        long cols = tensor.length() / rows;
        DataType computeType = tensor.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        boolean transposed = rows < cols;
        // LAPACK works in column-major order on a tall matrix: q starts as the input and ends as Q. A wide matrix
        // drawn row-major is its tall transpose in column-major order already; a tall one needs a transposing copy.
        INDArray flattened = Nd4j.create(computeType, new long[] {rows, cols}, 'c');
        Generator.orGlobal(generator).fillNormal(flattened, 0, 1);
        INDArray q = transposed ? flattened.transpose() : flattened.dup('f');
        long n = q.columns();
        INDArray r = Nd4j.create(computeType, new long[] {n, n}, 'f');
        factorize(q, r);
        INDArray columnScale = Nd4j.create(computeType, 1, n);
        for (long i = 0; i < n; i++) {
            columnScale.putScalar(i, Math.signum(r.getDouble(i, i)) * gain);
        }
        q.muliRowVector(columnScale);
        INDArray result = transposed ? q.transpose() : q;
        // A matrix takes Q with one strided copy; higher ranks go through a row-major reshape first.
        tensor.assign(tensor.rank() == 2 ? result : result.reshape('c', tensor.shape()));
        return tensor;
    }

    /** {@code sparse_(t, sparsity)}, std 0.01. */
    public static INDArray sparse(INDArray tensor, double sparsity) {
        return sparse(tensor, sparsity, 0.01, null);
    }

    /** {@code sparse_(t, sparsity, std)}. */
    public static INDArray sparse(INDArray tensor, double sparsity, double std) {
        return sparse(tensor, sparsity, std, null);
    }

    /** {@code sparse_(t, sparsity, generator=g)}, std 0.01. */
    public static INDArray sparse(INDArray tensor, double sparsity, Generator generator) {
        return sparse(tensor, sparsity, 0.01, generator);
    }

    /**
     * {@code sparse_(t, sparsity, std, generator=g)}: N(0, std^2) with exactly {@code ceil(sparsity * rows)}
     * zeros in every column (Martens, 2010), the zero rows of each column chosen by one {@code randperm(rows)}.
     * Unlike PyTorch, a sparsity outside [0, 1] is rejected rather than silently sliced. The permutations come
     * from {@code generator} (with a {@link org.nninit.random.TorchGenerator}: {@code normal_} on the whole
     * tensor, then {@code randperm(rows)} per column, all from one stream); PyTorch's {@code sparse_} passes
     * its generator only to {@code normal_} and takes {@code torch.randperm} from the default generator, so
     * PyTorch matches this only when that generator is the default one, i.e. after {@code torch.manual_seed}
     * with {@code generator=None}.
     *
     * <pre>{@code
     * Init.sparse(w, 0.9, 0.01, null);   // 90% zeros per column
     * }</pre>
     *
     * @throws IllegalArgumentException when the array is not 2-D, sparsity is outside [0, 1] or std is bad
     */
    public static INDArray sparse(INDArray tensor, double sparsity, double std, Generator generator) {
        requireFloating(tensor);
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported (tensor rank "
                    + tensor.rank() + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], but found sparsity=" + sparsity);
        }
        checkNormal(0, std);
        if (tensor.isEmpty()) {
            return tensor;
        }
        if (tensor.size(0) > MAX_PERMUTATION) {
            throw new IllegalArgumentException("sparse_ draws randperm(rows) for every column, and a permutation holds"
                    + " at most " + MAX_PERMUTATION + " rows, but found tensor shape " + Arrays.toString(tensor.shape()));
        }
        int rows = (int) tensor.size(0);
        long cols = tensor.size(1);
        long zerosPerColumn = (long) Math.ceil(sparsity * rows);
        Generator source = Generator.orGlobal(generator);
        source.fillNormal(tensor, 0, std);
        ArrayElements elements = ArrayElements.of(tensor);
        // A column-major matrix takes each column's zeros as drawn (the column is contiguous); a row-major one
        // gathers a batch of columns and writes them row by row (ColumnZeros).
        int batch = tensor.stride(1) < tensor.stride(0) ? ColumnZeros.columnsPerBatch(zerosPerColumn) : 0;
        for (long first = 0; first < cols; first += Math.max(1, batch)) {
            int count = (int) Math.min(Math.max(1, batch), cols - first);
            ColumnZeros zeros = batch > 0 ? new ColumnZeros(rows, first, count, (int) zerosPerColumn) : null;
            for (long col = first; col < first + count; col++) {
                long[] rowOrder = source.randperm(rows);
                if (zeros != null) {
                    zeros.add(col, rowOrder);
                } else {
                    for (int k = 0; k < zerosPerColumn; k++) {
                        elements.putDouble(elements.matrixPosition(rowOrder[k], col), 0.0);
                    }
                }
            }
            if (zeros != null) {
                zeros.writeTo(elements);
            }
        }
        elements.finish();
        return tensor;
    }

    /** The longest permutation {@code randperm} returns: a Java {@code long[]}. */
    private static final long MAX_PERMUTATION = Integer.MAX_VALUE - 8;

    // ---------------------------------------------------------------- argument checks

    private static void requireFloating(INDArray tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("tensor is null (a DL4J TorchModule's weight()/bias() is null where the"
                    + " layer has none; TorchModule.fill(name, fn) names the layer)");
        }
        if (!FLOATING.contains(tensor.dataType())) {
            throw new IllegalArgumentException("tensor has dtype " + tensor.dataType()
                    + "; only FLOAT, DOUBLE, HALF and BFLOAT16 arrays can be initialized");
        }
    }

    /** Serialises the BLAS thread-count change below: the setting is global to the process. */
    private static final Object BLAS_THREADS = new Object();

    /**
     * LAPACK's QR on one BLAS thread: OpenBLAS splits its blocked updates across threads, and the rounding then
     * depends on the thread count (measured: 85% of a 256x384 float Q differed between 1 and 2 threads). The
     * previous thread count is restored afterwards.
     */
    private static void factorize(INDArray q, INDArray r) {
        if (!Nd4j.getEnvironment().isCPU()) {
            Nd4j.getBlasWrapper().lapack().geqrf(q, r);
            return;
        }
        synchronized (BLAS_THREADS) {
            org.nd4j.linalg.api.blas.Blas blas = Nd4j.factory().blas();
            int threads = blas.getMaxThreads();
            blas.setMaxThreads(1);
            try {
                Nd4j.getBlasWrapper().lapack().geqrf(q, r);
            } finally {
                blas.setMaxThreads(threads);
            }
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, but found " + name + "=" + value);
        }
    }

    private static void checkUniformBounds(INDArray tensor, double a, double b) {
        requireFinite("a", a);
        requireFinite("b", b);
        if (a > b) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found a=" + a
                    + " > b=" + b);
        }
        requireRepresentable(tensor, "a", a);
        requireRepresentable(tensor, "b", b);
        if (!(b - a <= maxOf(tensor.dataType()))) {
            throw new IllegalArgumentException("uniform_ expects b - a <= the largest " + tensor.dataType()
                    + " value (" + maxOf(tensor.dataType()) + "), but found a=" + a + ", b=" + b);
        }
    }

    private static void requireGain(double gain) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be finite and >= 0, but found gain=" + gain);
        }
    }

    /** The largest finite value of a floating type. */
    private static double maxOf(DataType type) {
        return switch (type) {
            case DOUBLE -> Double.MAX_VALUE;
            case HALF -> 65504.0;
            case BFLOAT16 -> 0x1.FEp127;
            default -> Float.MAX_VALUE;
        };
    }

    /** A value the tensor's type cannot hold would be written as an infinity: rejected instead. */
    private static void requireRepresentable(INDArray tensor, String name, double value) {
        if (Math.abs(value) > maxOf(tensor.dataType())) {
            throw new IllegalArgumentException(name + " must be representable in " + tensor.dataType() + " (|" + name
                    + "| <= " + maxOf(tensor.dataType()) + "), but found " + name + "=" + value);
        }
    }

    private static void checkNormal(double mean, double std) {
        requireFinite("mean", mean);
        requireFinite("std", std);
        if (std < 0) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std=" + std);
        }
    }
}
