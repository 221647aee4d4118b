package io.idmint.spring.boot.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code idmint.*} properties describe generators that cannot be opened: every problem found, each
 * naming the property, the value, the limit, and an example of a valid setting. {@link IdmintFailureAnalyzer}
 * turns it into Spring Boot's "APPLICATION FAILED TO START" report.
 */
public class IdmintConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem.
     *
     * @param property the Spring property it is about, e.g. {@code idmint.generator.worker} (the first one the
     *     message names; {@code idmint} when it names none)
     * @param reason what is wrong, with property names in Spring's form
     * @param examples valid settings, one {@code name=value} per entry; empty when the message gives none
     * @param value the property's value where the application set it, else null
     * @param origin where that value comes from (a file and line, an environment variable), else null
     */
    public record Problem(String property, String reason, List<String> examples, String value, String origin) {
        public Problem {
            examples = List.copyOf(examples);
        }
    }

    private final transient List<Problem> problems;

    public IdmintConfigurationException(List<Problem> problems) {
        super("the idmint.* properties are invalid: " + problems.stream().map(Problem::reason).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
