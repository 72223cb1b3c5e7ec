package nninit.ref;

import static org.bytedeco.pytorch.global.torch.*;

import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;

/**
 * Python's torch/nn/init.py (2.10), line for line, on libtorch tensor kernels.
 *
 * <p>Deliberately not torch::nn::init (the C++ API): that is a separate C++ implementation whose bound
 * arithmetic and edge cases are not guaranteed to match Python's. Here every bound/std is computed with Java
 * doubles in the same order as the Python float expressions, then handed to the same ATen kernels
 * (uniform_, normal_, erfinv_, ...) Python would call.
 */
final class PyInit {
    private PyInit() {}

    /** An empty optional: the kernels then use the default CPU generator, as Python does without generator=. */
    static GeneratorOptional gen() {
        return new GeneratorOptional();
    }

    static void uniform(Tensor t, double from, double to) {
        t.uniform_(from, to, gen());
    }

    static void normal(Tensor t, double mean, double std) {
        t.normal_(mean, std, gen());
    }

    // ---- calculate_gain / fans ------------------------------------------------------------------------

    static double calculateGain(String nonlinearity, Double param) {
        switch (nonlinearity) {
            case "linear": case "conv1d": case "conv2d": case "conv3d":
            case "conv_transpose1d": case "conv_transpose2d": case "conv_transpose3d": case "sigmoid":
                return 1;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu": {
                double negativeSlope = param == null ? 0.01 : param;
                // Python writes negative_slope ** 2 (C pow); x * x is the correctly rounded square, and equals
                // pow(x, 2) for every slope used here (0, 0.01, 0.2, sqrt(5)).
                return Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            }
            case "selu":
                return 3.0 / 4;
            default:
                throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        }
    }

    /** {fan_in, fan_out}: size(1) and size(0) times the product of the trailing dims. */
    static long[] fanInAndFanOut(Tensor t) {
        long dims = t.dim();
        if (dims < 2) {
            throw new IllegalArgumentException(
                    "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        long receptive = 1;
        for (int d = 2; d < dims; d++) {
            receptive *= t.size(d);
        }
        return new long[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    static long correctFan(Tensor t, String mode) {
        long[] f = fanInAndFanOut(t);
        switch (mode.toLowerCase()) {
            case "fan_in": return f[0];
            case "fan_out": return f[1];
            default: throw new IllegalArgumentException("Mode " + mode + " not supported");
        }
    }

    static boolean hasZeroDim(Tensor t) {
        for (int d = 0; d < t.dim(); d++) {
            if (t.size(d) == 0) {
                return true;
            }
        }
        return false;
    }

    // ---- the init functions ---------------------------------------------------------------------------

    static void xavierUniform(Tensor t, double gain) {
        long[] f = fanInAndFanOut(t);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        double a = Math.sqrt(3.0) * std;
        uniform(t, -a, a);
    }

    static void xavierNormal(Tensor t, double gain) {
        long[] f = fanInAndFanOut(t);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        normal(t, 0., std);
    }

    static void kaimingUniform(Tensor t, double a, String mode, String nonlinearity) {
        if (hasZeroDim(t)) {
            return; // "Initializing zero-element tensors is a no-op": no draws
        }
        long fan = correctFan(t, mode);
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        double bound = Math.sqrt(3.0) * std;
        uniform(t, -bound, bound);
    }

    static void kaimingNormal(Tensor t, double a, String mode, String nonlinearity) {
        if (hasZeroDim(t)) {
            return;
        }
        long fan = correctFan(t, mode);
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        normal(t, 0, std);
    }

    /** math.erf: libtorch's erf on a one-element double tensor takes the scalar path, std::erf = the libm erf
     * CPython's math.erf calls (checked equal for the cases' arguments). */
    static double erf(double x) {
        Tensor v = full(new long[] {1}, new Scalar(x), new TensorOptions(ScalarType.Double));
        return v.erf().item_double();
    }

    static double normCdf(double x) {
        return (1. + erf(x / Math.sqrt(2.))) / 2.;
    }

    static void truncNormal(Tensor t, double mean, double std, double a, double b) {
        double l = normCdf((a - mean) / std);
        double u = normCdf((b - mean) / std);
        t.uniform_(2 * l - 1, 2 * u - 1, gen());
        t.erfinv_();
        t.mul_(new Scalar(std * Math.sqrt(2.)));
        t.add_(new Scalar(mean));
        t.clamp_(new ScalarOptional(new Scalar(a)), new ScalarOptional(new Scalar(b)));
    }

    static void orthogonal(Tensor t, double gain) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported");
        }
        if (t.numel() == 0) {
            return;
        }
        long rows = t.size(0);
        long cols = t.numel() / rows;
        Tensor flattened = zeros(new long[] {rows, cols}, new TensorOptions(t.scalar_type()));
        normal(flattened, 0, 1);
        if (rows < cols) {
            flattened.t_();
        }
        T_TensorTensor_T qr = linalg_qr(flattened);
        Tensor q = qr.get0();
        Tensor r = qr.get1();
        Tensor ph = diag(r, 0).sign();
        q.mul_(ph);
        if (rows < cols) {
            q.t_();
        }
        t.view_as(q).copy_(q);
        t.mul_(new Scalar(gain));
    }

    static void sparse(Tensor t, double sparsity, double std) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        }
        long rows = t.size(0);
        long cols = t.size(1);
        long numZeros = (long) Math.ceil(sparsity * rows);
        normal(t, 0, std);
        for (long col = 0; col < cols; col++) {
            Tensor rowIndices = randperm(rows);
            Tensor zeroIndices = rowIndices.slice(0, new LongOptional(0), new LongOptional(numZeros), 1);
            // tensor[zero_indices, col_idx] = 0
            t.select(1, col).index_fill_(0, zeroIndices, new Scalar(0));
        }
    }

    static void eye(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        }
        t.copy_(org.bytedeco.pytorch.global.torch.eye(t.size(0), t.size(1), new TensorOptions(t.scalar_type())));
    }

    static void dirac(Tensor t, long groups) {
        long dims = t.dim();
        if (dims < 3 || dims > 5) {
            throw new IllegalArgumentException("Only tensors with 3, 4, or 5 dimensions are supported");
        }
        if (t.size(0) % groups != 0) {
            throw new IllegalArgumentException("dim 0 must be divisible by groups");
        }
        long outPerGroup = t.size(0) / groups;
        long minDim = Math.min(outPerGroup, t.size(1));
        t.zero_();
        for (long g = 0; g < groups; g++) {
            for (long d = 0; d < minDim; d++) {
                Tensor e = t.select(0, g * outPerGroup + d).select(0, d);
                for (int k = 2; k < dims; k++) {
                    e = e.select(0, t.size(k) / 2);
                }
                e.fill_(new Scalar(1));
            }
        }
    }

    static void constant(Tensor t, double val) {
        t.fill_(new Scalar(val));
    }
}
