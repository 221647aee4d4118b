package io.idmint.spring.boot.autoconfigure;

import io.idmint.spring.boot.autoconfigure.IdmintConfigurationException.Problem;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for invalid {@code idmint.*} properties: each problem
 * with its property, value, origin and reason, then the valid settings to use, as Boot reports a binding failure.
 */
public class IdmintFailureAnalyzer extends AbstractFailureAnalyzer<IdmintConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IdmintConfigurationException cause) {
        StringBuilder d = new StringBuilder();
        int n = cause.problems().size();
        d.append("The idmint.* properties describe generators that cannot be opened (").append(n)
                .append(n == 1 ? " problem" : " problems").append("):\n");
        Set<String> examples = new LinkedHashSet<>();
        for (Problem p : cause.problems()) {
            d.append("\n    Property: ").append(p.property()).append('\n');
            if (p.value() != null) {
                d.append("    Value: \"").append(p.value()).append("\"\n");
            }
            if (p.origin() != null) {
                d.append("    Origin: ").append(p.origin()).append('\n');
            }
            d.append("    Reason: ").append(p.reason()).append('\n');
            examples.addAll(p.examples());
        }
        StringBuilder a = new StringBuilder("Update your application's configuration: change the idmint properties named above.");
        if (!examples.isEmpty()) {
            a.append(" Valid settings look like:\n");
            examples.forEach(e -> a.append("\n    ").append(e));
        }
        return new FailureAnalysis(d.toString().stripTrailing(), a.toString(), cause);
    }
}
