package io.idmint.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A crash of the postmaster keeps committed rows; close leaves no server and no directory behind. */
class PostgresTest {

    @Test
    void committedRowsSurviveAKill9AndCloseDeletesEverything() throws Exception {
        Path dir;
        ProcessHandle postmaster;
        try (Postgres pg = Postgres.launch()) {
            dir = pg.directory();
            String url = pg.createDatabase("kit");
            assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/kit");
            pg.psql("kit", "CREATE TABLE t (v bigint); INSERT INTO t VALUES (41), (42)");

            pg.kill9();
            assertThat(pg.running()).isFalse();
            pg.start();

            assertThat(pg.psql("kit", "SELECT sum(v) FROM t")).isEqualTo("83");
            postmaster = pg.postmaster().orElseThrow();
        }
        assertThat(Postgres.alive(postmaster)).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void failingSqlReportsPsqlsMessage() throws Exception {
        try (Postgres pg = Postgres.launch()) {
            assertThatThrownBy(() -> pg.psql("postgres", "SELECT * FROM missing_table"))
                    .isInstanceOf(IOException.class).hasMessageContaining("missing_table");
            assertThatThrownBy(() -> pg.createDatabase("Bad-Name")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name=Bad-Name");
        }
    }
}
