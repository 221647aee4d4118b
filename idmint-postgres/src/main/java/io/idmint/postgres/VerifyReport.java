package io.idmint.postgres;

import java.util.List;

/**
 * What {@link Migration#verify()} found.
 *
 * @param problems what is wrong, each naming the table, how many rows and a few of their keys; empty when the migration is complete
 * @param facts what was checked and counted, for the record
 */
public record VerifyReport(List<String> problems, List<String> facts) {
    public VerifyReport {
        problems = List.copyOf(problems);
        facts = List.copyOf(facts);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
