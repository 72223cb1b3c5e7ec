package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * <p>Every function here is one {@link Initializer} record underneath ({@link Uniform}, {@link KaimingNormal},
 * ...): the record checks the arguments when it is built and fills the array; these static methods build it and
 * call it. The records are also the keyword-style form, e.g.
 * {@code new KaimingNormal().mode(FanMode.FAN_OUT).nonlinearity(Nonlinearity.RELU).fill(w)}.
 *
 * <pre>{@code
 * INDArray w = Nd4j.create(DataType.FLOAT, 256, 128);                       // torch.empty(256, 128)
 * Init.kaimingNormal(w, 0, FanMode.FAN_OUT, Nonlinearity.RELU, null);      // kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
 * Init.zeros(bias);                                                        // zeros_(bias)
 * }</pre>
 */
public final class Init {

    private static final Logger LOG = LoggerFactory.getLogger(Init.class);

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
        return new Uniform(a, b).fill(tensor, generator);
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
        return new Normal(mean, std).fill(tensor, generator);
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
        return new TruncNormal(mean, std, a, b, method).fill(tensor, generator);
    }

    // ---------------------------------------------------------------- constants and structure

    /** {@code constant_(t, val)}: every element set to {@code val}. */
    public static INDArray constant(INDArray tensor, double val) {
        return new Constant(val).fill(tensor, null);
    }

    /** {@code ones_(t)}. */
    public static INDArray ones(INDArray tensor) {
        return new Ones().fill(tensor, null);
    }

    /** {@code zeros_(t)}. */
    public static INDArray zeros(INDArray tensor) {
        return new Zeros().fill(tensor, null);
    }

    /**
     * {@code eye_(t)}: the 2-D identity, as many inputs preserved as the shape allows.
     *
     * @throws IllegalArgumentException when the array is not 2-D
     */
    public static INDArray eye(INDArray tensor) {
        return new Eye().fill(tensor, null);
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
        return new Dirac(groups).fill(tensor, null);
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
        return new XavierUniform(gain).fill(tensor, generator);
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
        return new XavierNormal(gain).fill(tensor, generator);
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
        return new KaimingUniform(a, mode, nonlinearity).fill(tensor, generator);
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
        return new KaimingNormal(a, mode, nonlinearity).fill(tensor, generator);
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
     * @throws IllegalArgumentException when the array has fewer than 2 dimensions, or gain is not finite
     */
    public static INDArray orthogonal(INDArray tensor, double gain, Generator generator) {
        return new Orthogonal(gain).fill(tensor, generator);
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
        return new Sparse(sparsity, std).fill(tensor, generator);
    }

    // ---------------------------------------------------------------- bodies the records call

    /** {@link TruncNormal#fill}: the tensor's checks, then the chosen algorithm. */
    static INDArray truncNormalFill(INDArray tensor, TruncNormal p, Generator generator) {
        Checks.requireFloating(tensor);
        double mean = p.mean();
        double std = p.std();
        double a = p.a();
        double b = p.b();
        TruncNormalMethod method = p.method();
        // checked here, before any draw: the methods fill the tensor in steps and would fail half-way
        Checks.requireRepresentable(tensor, "mean", mean);
        Checks.requireRepresentable(tensor, "std", std);
        Checks.requireRepresentable(tensor, "a", a);
        Checks.requireRepresentable(tensor, "b", b);
        if (method == TruncNormalMethod.REJECTION) {
            Checks.requireSpan(tensor, "trunc_normal_ (REJECTION) proposes from U(a, b) and", a, b);
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

    /** {@link Sparse#fill}: normal draws, then {@code ceil(sparsity * rows)} zeros per column. */
    static INDArray sparseFill(INDArray tensor, Sparse p, Generator generator) {
        Checks.requireFloating(tensor);
        Checks.requireRank(tensor, 2);
        double sparsity = p.sparsity();
        double std = p.std();
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
}
