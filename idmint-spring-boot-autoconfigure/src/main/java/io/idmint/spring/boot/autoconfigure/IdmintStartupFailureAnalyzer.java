package io.idmint.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's failure report for a generator that could not be opened, naming the properties to check. */
public class IdmintStartupFailureAnalyzer extends AbstractFailureAnalyzer<IdmintStartupException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IdmintStartupException cause) {
        String description = "idmint could not open generator " + cause.generator() + ":\n\n    "
                + cause.getCause().getMessage();
        String action = "Check the properties that decide it: " + String.join(", ", cause.properties())
                + ". Two processes (or two application contexts) must never run the same worker ID: give each its own"
                + " generator.worker and state-dir, or lease worker IDs (idmint.workers.allocation).";
        return new FailureAnalysis(description, action, cause);
    }
}
