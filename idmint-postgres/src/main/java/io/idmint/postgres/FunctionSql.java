package io.idmint.postgres;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text of {@link IdFunction}'s install script: a template whose placeholders take numbers and quoted names only. */
final class FunctionSql {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    // Parentheses everywhere: in PostgreSQL, << >> & | share one precedence level, below + - * /.
    private static final String TEMPLATE = """
            CREATE SEQUENCE IF NOT EXISTS ${state} AS bigint MINVALUE 0 START WITH 0 NO CYCLE;

            CREATE OR REPLACE FUNCTION ${function}() RETURNS bigint
            LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
            AS $idmint$
            DECLARE
              last_state bigint;  -- (tick << ${seqBits}) | sequence of the last ID issued
              now_ms bigint;
              now_tick bigint;
              next_state bigint;
              wait_until bigint;
            BEGIN
              BEGIN
                -- Session-level, released below: held for this read-modify-write only, not until commit.
                PERFORM pg_catalog.pg_advisory_lock(${lockClass}, ${lockKey});
                SELECT s.last_value INTO last_state FROM ${state} s;
                now_ms := pg_catalog.floor(EXTRACT(epoch FROM pg_catalog.clock_timestamp()) * 1000)::bigint;
                now_tick := (now_ms - ${epoch}) / ${tick};
                IF now_tick > (last_state >> ${seqBits}) THEN
                  next_state := now_tick << ${seqBits};
                ELSIF (last_state & ${seqMax}) < ${seqMax} THEN
                  -- same tick, or the clock behind the last tick: go on from the last ID, never back
                  next_state := last_state + 1;
                ELSE
                  -- the last tick's sequence is used up: wait until the clock reaches the next tick
                  wait_until := now_ms + ${maxWait};
                  WHILE now_tick <= (last_state >> ${seqBits}) LOOP
                    IF now_ms >= wait_until THEN
                      RAISE EXCEPTION USING ERRCODE = 'IDM01', MESSAGE = pg_catalog.format(
                        '${label}(): the clock (%s) is behind the last ID''s tick (%s) by %s ms after waiting ${maxWait} ms; retry later',
                        pg_catalog.to_timestamp(now_ms / 1000.0), pg_catalog.to_timestamp((((last_state >> ${seqBits}) * ${tick}) + ${epoch}) / 1000.0),
                        (((last_state >> ${seqBits}) + 1) * ${tick}) + ${epoch} - now_ms);
                    END IF;
                    PERFORM pg_catalog.pg_sleep(GREATEST(1, LEAST(10, (((last_state >> ${seqBits}) + 1) * ${tick}) + ${epoch} - now_ms)) / 1000.0);
                    now_ms := pg_catalog.floor(EXTRACT(epoch FROM pg_catalog.clock_timestamp()) * 1000)::bigint;
                    now_tick := (now_ms - ${epoch}) / ${tick};
                  END LOOP;
                  next_state := now_tick << ${seqBits};
                END IF;
                IF (next_state >> ${seqBits}) > ${maxTick} THEN
                  RAISE EXCEPTION USING ERRCODE = 'IDM02', MESSAGE = pg_catalog.format(
                    '${label}(): layout ended its life at ${endOfLife}: tick %s exceeds the timestamp field''s ${maxTick}', next_state >> ${seqBits});
                END IF;
                PERFORM pg_catalog.setval(${stateLiteral}::regclass, next_state, true);
                PERFORM pg_catalog.pg_advisory_unlock(${lockClass}, ${lockKey});
              EXCEPTION WHEN OTHERS OR query_canceled THEN
                -- Release the lock if this session holds it (the error may have come while waiting for it);
                -- OTHERS alone would miss a cancel or statement_timeout.
                PERFORM pg_catalog.pg_advisory_unlock(${lockClass}, ${lockKey}) FROM pg_catalog.pg_locks l
                  WHERE l.locktype = 'advisory' AND l.pid = pg_catalog.pg_backend_pid() AND l.granted
                    AND l.classid = ${lockClass}::oid AND l.objid = ${lockKey}::oid AND l.objsubid = 2;
                RAISE;
              END;
              RETURN (((next_state >> ${seqBits}) << ${tsShift}) | ${fixed}) | ((next_state & ${seqMax}) << ${seqShift});
            END
            $idmint$;
            """;

    private FunctionSql() {}

    static String render(IdFunction f) {
        Map<String, String> values = f.constants();
        Matcher m = PLACEHOLDER.matcher(TEMPLATE);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
