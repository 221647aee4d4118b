package io.idmint.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.BitLayout;
import io.idmint.testkit.Postgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDs from a real PostgreSQL (Debian's, on 127.0.0.1), streamed through a cursor: a BIGINT and a text column. */
class JdbcSourceTest {
    @TempDir
    Path tmp;

    @Test
    void aQuerysFirstColumnIsTheStream() throws Exception {
        BitLayout layout = BitLayout.DEFAULT;
        long base = layout.compose(layout.epochMillis() + 1_000_000_000L, 0, 0, 0);
        try (Postgres pg = Postgres.launch()) {
            String url = pg.createDatabase("ids");
            // 30,000 IDs of 3 workers (worker bits at 12), one ID stored twice, one NULL; created_at orders them as issued.
            // x is an int4: PostgreSQL's int4 << wraps silently from tick 512 on (512 << 22 = 2^31), which repeats
            // every 1,024 ticks (26,929 "duplicates"), so the shift is done on a bigint.
            pg.psql("ids", "CREATE TABLE orders (id BIGINT, code TEXT, created_at BIGINT);"
                    + " INSERT INTO orders SELECT " + base + " + ((x::bigint / 3) << 22) + ((x::bigint % 3) << 12), NULL, x FROM generate_series(0, 29999) x;"
                    + " INSERT INTO orders VALUES (" + base + ", NULL, 30000), (NULL, NULL, 30001);"
                    + " UPDATE orders SET code = 'ord-' || created_at WHERE created_at = 7;"
                    + " UPDATE orders SET code = to_hex(id) WHERE code IS NULL AND id IS NOT NULL;");
            Settings s = Settings.defaults().withTempDir(tmp);
            try (Analyzer a = new Analyzer(layout, s)) {
                long rows = JdbcSource.read(url, pg.user(), null, "SELECT id FROM orders ORDER BY created_at", a);
                assertThat(rows).isEqualTo(30_002);
                JsonNode r = a.finish(null).tree();
                assertThat(r.get("count").asLong()).isEqualTo(30_001);
                assertThat(r.get("invalid_lines").asLong()).isEqualTo(1);
                assertThat(r.get("invalid_examples").get(0).get("line").asLong()).isEqualTo(30_002);
                assertThat(r.get("workers").asInt()).isEqualTo(3);
                assertThat(r.get("duplicates").get("count").asLong()).isEqualTo(1);
                assertThat(r.get("duplicates").get("examples").get(0).get("id").asText()).isEqualTo(Long.toString(base));
                assertThat(r.get("order_violations").get("count").asLong()).isEqualTo(1);
                assertThat(r.get("order_violations").get("examples").get(0).get("line").asLong()).isEqualTo(30_001);
                assertThat(r.get("clock_jumps").get("regressions").asLong()).as("only the repeat at the end steps back").isEqualTo(1);
            }
            try (Analyzer a = new Analyzer(layout, s.withFormat(io.idmint.core.IdFormat.HEX))) {
                JdbcSource.read(url, pg.user(), null, "SELECT code FROM orders ORDER BY created_at", a);
                JsonNode r = a.finish(null).tree();
                assertThat(r.get("count").asLong()).isEqualTo(30_000);
                assertThat(r.get("invalid_lines").asLong()).isEqualTo(2); // 'ord-7' and the NULL
                assertThat(r.get("invalid_examples").get(0).get("line").asLong()).isEqualTo(8);
                assertThat(r.get("invalid_examples").get(0).get("error").asText()).contains("not a hex ID: 'ord-7'");
            }
        }
    }
}
