package org.nninit.dl4j.report;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;

/**
 * The weight standard deviation an initialization rule implies for a layer with PyTorch fans
 * {@code fanIn}/{@code fanOut}; {@link InitReport} compares each layer's measured weight std against it.
 *
 * <pre>{@code
 * ExpectedStd.HE.std(256, 128);                              // sqrt(2/256)   = 0.0884
 * ExpectedStd.XAVIER.std(256, 128);                          // sqrt(2/384)   = 0.0722
 * ExpectedStd.TORCH_DEFAULT.std(256, 128);                   // 1/sqrt(3*256) = 0.0361
 * ExpectedStd.kaiming(Nonlinearity.RELU, FanMode.FAN_OUT);   // torchvision's ResNet conv rule
 * ExpectedStd.constant("DCGAN N(0, 0.02)", 0.02);
 * }</pre>
 *
 * <p>Uniform and normal variants of a rule have the same std (PyTorch picks the uniform bound as
 * {@code sqrt(3) * std}), so one rule covers both.
 */
public final class ExpectedStd {

    /** {@code kaiming_*_(nonlinearity='relu')}, fan_in: {@code sqrt(2 / fanIn)} (He et al., 2015). */
    public static final ExpectedStd HE = kaiming(Nonlinearity.RELU, FanMode.FAN_IN);

    /** {@code kaiming_*_(mode='fan_out', nonlinearity='relu')}: {@code sqrt(2 / fanOut)}. */
    public static final ExpectedStd HE_FAN_OUT = kaiming(Nonlinearity.RELU, FanMode.FAN_OUT);

    /** {@code xavier_*_(gain=1)}: {@code sqrt(2 / (fanIn + fanOut))} (Glorot &amp; Bengio, 2010). */
    public static final ExpectedStd XAVIER = xavier(1.0);

    /**
     * PyTorch's {@code nn.Linear}/{@code nn.Conv*} default, {@code kaiming_uniform_(a=sqrt(5))} =
     * U(±1/sqrt(fanIn)), whose std is {@code 1 / sqrt(3 fanIn)}.
     */
    public static final ExpectedStd TORCH_DEFAULT =
            new ExpectedStd("PyTorch default", (fanIn, fanOut) -> 1 / Math.sqrt(3 * fanIn));

    /** The rules {@link InitReport} tries when it is asked to infer which one a layer follows. */
    public static final List<ExpectedStd> KNOWN = List.of(HE, XAVIER, TORCH_DEFAULT, HE_FAN_OUT);

    private final String name;
    private final DoubleBinaryOperator formula;

    private ExpectedStd(String name, DoubleBinaryOperator formula) {
        this.name = name;
        this.formula = formula;
    }

    /**
     * A rule of your own.
     *
     * @param name    shown in the report, e.g. {@code "LeCun"}
     * @param formula {@code (fanIn, fanOut) -> std}
     * @throws IllegalArgumentException when name or formula is null
     */
    public static ExpectedStd of(String name, DoubleBinaryOperator formula) {
        if (name == null || formula == null) {
            throw new IllegalArgumentException("name and formula must not be null, got name=" + name
                    + ", formula=" + formula);
        }
        return new ExpectedStd(name, formula);
    }

    /** A fan-independent std, e.g. {@code constant("N(0, 0.02)", 0.02)} for DCGAN or BERT. */
    public static ExpectedStd constant(String name, double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
        }
        return of(name, (fanIn, fanOut) -> std);
    }

    /** {@code kaiming_*_(a=0, mode, nonlinearity)}: {@code gain / sqrt(fan)}. */
    public static ExpectedStd kaiming(Nonlinearity nonlinearity, FanMode mode) {
        Objects.requireNonNull(nonlinearity, "nonlinearity");
        Objects.requireNonNull(mode, "mode");
        double gain = Init.calculateGain(nonlinearity);
        String label = "kaiming(" + nonlinearity.name().toLowerCase() + ", " + mode.name().toLowerCase() + ")";
        String shown = nonlinearity == Nonlinearity.RELU ? (mode == FanMode.FAN_IN ? "He" : "He fan_out") : label;
        return of(shown, (fanIn, fanOut) -> gain / Math.sqrt(mode == FanMode.FAN_IN ? fanIn : fanOut));
    }

    /** {@code xavier_*_(gain)}: {@code gain * sqrt(2 / (fanIn + fanOut))}. */
    public static ExpectedStd xavier(double gain) {
        return of(gain == 1.0 ? "Xavier" : "Xavier(gain=" + gain + ")",
                (fanIn, fanOut) -> gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /** The rule's name as the report shows it. */
    public String name() {
        return name;
    }

    /** The std this rule gives a weight with PyTorch fans {@code fanIn}, {@code fanOut}. */
    public double std(long fanIn, long fanOut) {
        return formula.applyAsDouble(fanIn, fanOut);
    }

    @Override
    public String toString() {
        return name;
    }
}
