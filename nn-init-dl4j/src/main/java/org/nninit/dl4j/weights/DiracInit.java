package org.nninit.dl4j.weights;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.Dirac;

/**
 * {@code torch.nn.init.dirac_(w, groups)} as a DL4J weight init for convolutions: an identity convolution
 * on torch's {@code [out, in, k...]} weight. DL4J's Convolution/Convolution3D weights are already in that
 * layout; Convolution1DLayer's weight is read through {@link TorchLayout}'s Conv1D view, so the result is an
 * identity through DL4J's forward pass (tested), whatever DL4J's declared {@code [out, in, k, 1]} suggests.
 *
 * <pre>{@code
 * new ConvolutionLayer.Builder(3, 3).nIn(16).nOut(16).convolutionMode(ConvolutionMode.Same)
 *         .weightInit(new DiracInit()).build();
 * }</pre>
 */
public final class DiracInit extends TorchWeightInit {

    /** One group, PyTorch's default. */
    public DiracInit() {
        super(new Dirac());
    }

    /** @throws IllegalArgumentException when {@code groups < 1} */
    public DiracInit(int groups) {
        super(new Dirac(groups));
    }

    private DiracInit(TorchWeightInit decoded) {
        super(decoded);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DiracInit fromJson(Map<String, Object> fields) {
        return new DiracInit(decode(Dirac.class, fields));
    }

    public int groups() {
        return ((Dirac) value()).groups();
    }
}
