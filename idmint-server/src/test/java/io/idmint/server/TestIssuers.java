package io.idmint.server;

import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.util.List;

/** Issuers for the server's tests: generators built in the test, served under names. */
public final class TestIssuers {
    private TestIssuers() {}

    /** {@code g} served as the default generator. */
    public static IdIssuer of(IdGenerator g) {
        return IdIssuer.of(named(IdIssuer.DEFAULT, g));
    }

    public static NamedGenerator named(String name, IdGenerator g) {
        return NamedGenerator.snowflake(name, g, LeaseReport.NONE);
    }

    /** Several named generators; the first must be called {@value IdIssuer#DEFAULT}. */
    public static IdIssuer of(NamedGenerator... generators) {
        return IdIssuer.of(List.of(generators));
    }
}
