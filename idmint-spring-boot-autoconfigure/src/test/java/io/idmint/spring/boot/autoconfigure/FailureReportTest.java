package io.idmint.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A bad idmint property fails the start with Spring Boot's "APPLICATION FAILED TO START" report naming it. */
@ExtendWith(OutputCaptureExtension.class)
class FailureReportTest {
    Path state;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @BeforeEach
    void setUp() {
        state = TempDirs.create();
    }

    @AfterEach
    void tearDown() {
        TempDirs.delete(state);
    }

    private ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "idmint.generator.state-dir=" + state).properties(properties).run();
    }

    @Test
    void aValueIdmintRefusesIsReportedWithItsPropertyOriginAndAValidSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("idmint.generator.worker=99")).hasRootCauseInstanceOf(IdmintConfigurationException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: idmint.generator.worker")
                .contains("Value: \"99\"")
                .contains("Origin: \"idmint.generator.worker\"")
                .contains("Reason: idmint.generator.worker must be 0..31 for layout 'default'")
                .contains("Action:")
                .contains("idmint.generator.worker=3");
    }

    @Test
    void aValueThatDoesNotBindIsBootsOwnReport(CapturedOutput output) {
        assertThatThrownBy(() -> start("idmint.generator.rollback-policy=sometimes"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("idmint.generator.rollback-policy")
                .contains("Value: \"sometimes\"").contains("Action:").contains("LOGICAL_OFFSET");
    }

    @Test
    void aMisspeltKeyIsNotIgnored(CapturedOutput output) {
        assertThatThrownBy(() -> start("idmint.generator.wroker=3"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("idmint.generator.wroker").contains("Action:");
    }

    @Test
    void aWorkerAnotherContextHoldsIsReportedWithThePropertiesToCheck(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start("idmint.generator.worker=6")) {
            assertThat(first.isActive()).isTrue();
            assertThatThrownBy(() -> start("idmint.generator.worker=6"))
                    .satisfies(e -> IdmintAutoConfigurationTest.rootCause(e, IdmintStartupException.class))
                    .hasStackTraceContaining("another generator holds " + state.toAbsolutePath().resolve("worker-dc0-w6.hwm.lock"));
        }
        assertThat(output).contains("APPLICATION FAILED TO START").contains("idmint could not open generator default")
                .contains("Action:").contains("idmint.generator.worker, idmint.generator.datacenter, idmint.generator.state-dir");
    }
}
