package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({
        // input,  bytes, canonical
        "1,        false, 1",
        "1000m,    false, 1",
        "500m,     false, 500m",
        "0.5,      false, 500m",
        "1.5,      false, 1500m",
        "2000,     false, 2k",
        "1e3,      false, 1k",
        "0,        false, 0",
        "0.0000000001, false, 1n",
        "100Mi,    false, 104857600",
        "1Gi,      true,  1Gi",
        "1024Mi,   true,  1Gi",
        "0.5Gi,    true,  512Mi",
        "1.5Gi,    true,  1536Mi",
        "1073741824, true, 1Gi",
        "1G,       true,  1G",
        "129M,     true,  129M",
        "1500,     true,  1500",
        "-1Ki,     true,  -1Ki",
        "+2Ki,     true,  2Ki",
    })
    void canonicalSpelling(String input, boolean bytes, String expected) {
        assertThat(Quantity.parse(input)).hasValueSatisfying(v -> assertThat(Quantity.canonical(v, bytes))
                .isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1Xi", "1.2.3", "Gi", "1 Gi x", "1e999999"})
    void rejectsWhatIsNotAQuantity(String input) {
        assertThat(Quantity.parse(input)).isEmpty();
    }
}
