package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A StatefulSet pod's ordinal, read from its hostname's first label. */
class HostnamesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            idmint-3                              | 3
            idmint-3.idmint.default.svc           | 3
            my-set-name-12                        | 12
            idmint-007                            | 7
            idmint-999999999                      | 999999999
            """)
    void theOrdinalIsTheNumberAfterTheLastDashOfTheFirstLabel(String hostname, long ordinal) {
        assertThat(Hostnames.ordinal(hostname)).hasValue(ordinal);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"idmint", "idmint-", "idmint-a", "idmint3", "idmint-1234567890", "web.idmint-3", "idmint-3x", ""})
    void aHostnameWithoutAnOrdinalHasNone(String hostname) {
        assertThat(Hostnames.ordinal(hostname)).isEmpty();
    }

    @Test
    void theLocalHostnameIsNeverBlank() {
        assertThat(Hostnames.local()).isNotBlank();
    }
}
