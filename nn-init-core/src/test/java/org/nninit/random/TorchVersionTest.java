package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nninit.TruncNormalMethod;

/** Version strings and CPU kinds as users write them, and what each selects. */
class TorchVersionTest {

    @ParameterizedTest
    @CsvSource({"1.13,1,13", "1.13.0a0,1,13", "2.10,2,10", "2.10.0+cpu,2,10", "2.5.1,2,5", " 2.12 ,2,12",
        "2.12.0.dev20260101,2,12"})
    void parsesTorchVersionStrings(String text, int major, int minor) {
        assertThat(TorchVersion.of(text)).isEqualTo(new TorchVersion(major, minor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "two.ten", "1.12", "0.4", "3.0", "2.x", "-2.10"})
    void rejectsUnsupportedVersionsListingTheSupportedOnes(String text) {
        assertThatThrownBy(() -> TorchVersion.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version").hasMessageContaining("1.13").hasMessageContaining("2.x");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> TorchVersion.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version=null");
        assertThatThrownBy(() -> CpuCapability.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new TorchGenerator(0, null, CpuCapability.AVX2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }

    @Test
    void truncNormalMethodFollowsTheRelease() {
        assertThat(TorchVersion.V1_13.truncNormalMethod()).isEqualTo(TruncNormalMethod.INVERSE_CDF);
        assertThat(TorchVersion.of("2.11").truncNormalMethod()).isEqualTo(TruncNormalMethod.INVERSE_CDF);
        assertThat(TorchVersion.V2_12.truncNormalMethod()).isEqualTo(TruncNormalMethod.REJECTION);
        assertThat(TorchVersion.DEFAULT).isEqualTo(TorchVersion.V2_10);
    }

    @ParameterizedTest
    @CsvSource({"avx2,AVX2", "AVX2,AVX2", "default,DEFAULT", " Default ,DEFAULT"})
    void parsesCpuCapabilities(String text, CpuCapability expected) {
        assertThat(CpuCapability.of(text)).isEqualTo(expected);
        assertThat(expected.torchName()).isEqualTo(expected.name().toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"avx512", "neon", "", "sse"})
    void rejectsOtherCpuCapabilitiesListingTheSupportedOnes(String text) {
        assertThatThrownBy(() -> CpuCapability.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"avx2\", \"default\"").hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void generatorKeepsItsReleaseAndCpuThroughCopy() {
        TorchGenerator gen = new TorchGenerator(5, TorchVersion.V1_13, CpuCapability.DEFAULT);
        assertThat(gen.copy().version()).isEqualTo(TorchVersion.V1_13);
        assertThat(gen.copy().cpuCapability()).isEqualTo(CpuCapability.DEFAULT);
        assertThat(new TorchGenerator(5).version()).isEqualTo(TorchVersion.DEFAULT);
        assertThat(new TorchGenerator(5).cpuCapability()).isEqualTo(CpuCapability.AVX2);
    }
}
