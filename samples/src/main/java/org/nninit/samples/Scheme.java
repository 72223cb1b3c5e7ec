package org.nninit.samples;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.dl4j.TorchDefaults;
import org.nninit.dl4j.TorchModule;
import org.nninit.dl4j.report.ExpectedStd;
import org.nninit.modules.ModuleDefaults;
import org.nninit.random.Generator;

/** The four initializations the samples compare, applied to a torch-layout [out, in] weight and its bias. */
public enum Scheme {
    /** {@code kaiming_normal_(w, nonlinearity='relu')}, bias 0 (He et al., 2015). */
    HE("He", ExpectedStd.HE),
    /** {@code xavier_normal_(w)}, bias 0 (Glorot &amp; Bengio, 2010). */
    XAVIER("Xavier", ExpectedStd.XAVIER),
    /** What {@code nn.Linear} does on construction: weight and bias U(±1/sqrt(fanIn)). */
    TORCH_DEFAULT("PyTorch default", ExpectedStd.TORCH_DEFAULT),
    /** {@code normal_(w, 0, 0.01)}, bias 0: the "small random numbers" folklore. */
    NORMAL_001("N(0, 0.01)", ExpectedStd.constant("N(0, 0.01)", 0.01));

    private final String label;
    private final ExpectedStd rule;

    Scheme(String label, ExpectedStd rule) {
        this.label = label;
        this.rule = rule;
    }

    /** The name plots and tables show. */
    public String label() {
        return label;
    }

    /** The std this scheme implies, for {@link org.nninit.dl4j.report.InitReport}. */
    public ExpectedStd rule() {
        return rule;
    }

    /**
     * Initializes one layer of a DL4J network (as {@link org.nninit.dl4j.NnInit#apply} hands it out) in place;
     * layers without a weight are left alone. The PyTorch default is {@link TorchDefaults#reset(TorchModule, Generator)},
     * i.e. the layer's PyTorch twin's {@code reset_parameters()}; the others are element-wise, so they run on the
     * PyTorch-layout views {@link TorchModule#weight()} and {@link TorchModule#bias()}.
     */
    public void apply(TorchModule m, Generator gen) {
        if (this == TORCH_DEFAULT) {
            TorchDefaults.reset(m, gen);
        } else if (m.weight() != null) {
            apply(m.weight(), m.bias(), gen);
        }
    }

    /**
     * Initializes {@code weight} (PyTorch layout [out, in]) and {@code bias} (may be null) in place.
     */
    public void apply(INDArray weight, INDArray bias, Generator gen) {
        switch (this) {
            case HE -> Init.kaimingNormal(weight, 0, FanMode.FAN_IN, Nonlinearity.RELU, gen);
            case XAVIER -> Init.xavierNormal(weight, 1.0, gen);
            case TORCH_DEFAULT -> ModuleDefaults.linear(weight, bias, gen);
            case NORMAL_001 -> Init.normal(weight, 0, 0.01, gen);
            default -> throw new IllegalStateException("unreachable: " + this);
        }
        if (bias != null && this != TORCH_DEFAULT) {
            Init.zeros(bias);
        }
    }
}
