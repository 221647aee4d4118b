package io.idmint.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log lines in both formats, from System.Logger and java.util.logging alike, and how the format is chosen. */
class LogLinesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final System.Logger log = new LineLoggerFinder().getLogger("io.idmint.test", LogLinesTest.class.getModule());

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        LogLines.sink(out);
    }

    @AfterEach
    void restore() {
        LogLines.sink(new FileOutputStream(FileDescriptor.err));
        Logging.install(LogFormat.TEXT);
    }

    private String[] lines() {
        return out.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void jsonLinesCarryTheEventsFieldsBesideTheStandardOnes() throws Exception {
        Logging.install(LogFormat.JSON);
        log.log(System.Logger.Level.WARNING, "worker 3 (epoch 5) ended: \"fenced\"; re-claiming", Map.entry("generator", "orders"),
                Map.entry("worker", 3), Map.entry("lease_epoch", 5L), Map.entry("error", "fenced"), Map.entry("level", "spoof"));
        log.log(System.Logger.Level.ERROR, "internal error, incident 9f", new IllegalStateException("boom"));
        log.log(System.Logger.Level.DEBUG, "below INFO: dropped");

        String[] lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode warn = JSON.readTree(lines[0]);
        assertThat(warn.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(warn.get("level").asText()).isEqualTo("WARN");
        assertThat(warn.get("logger").asText()).isEqualTo("io.idmint.test");
        assertThat(warn.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(warn.get("message").asText()).isEqualTo("worker 3 (epoch 5) ended: \"fenced\"; re-claiming");
        assertThat(warn.get("generator").asText()).isEqualTo("orders");
        assertThat(warn.get("worker").isIntegralNumber()).isTrue();
        assertThat(warn.get("worker").asInt()).isEqualTo(3);
        assertThat(warn.get("lease_epoch").asLong()).isEqualTo(5);
        assertThat(warn.get("error").asText()).isEqualTo("fenced");
        assertThat(warn.findValues("level")).as("a field cannot take a standard name").hasSize(1);
        JsonNode error = JSON.readTree(lines[1]);
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(error.get("stack").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void textLinesAreTheMessageAfterTimeLevelAndLogger() {
        Logging.install(LogFormat.TEXT);
        log.log(System.Logger.Level.INFO, "serving HTTP on 127.0.0.1:8080", Map.entry("http_port", 8080));
        log.log(System.Logger.Level.INFO, "{0} of {1}", "one", 2); // not fields: a pattern to fill
        String[] lines = lines();
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  io\\.idmint\\.test: serving HTTP on 127\\.0\\.0\\.1:8080");
        assertThat(lines[1]).endsWith(" INFO  io.idmint.test: one of 2");
    }

    @Test
    void javaUtilLoggingRecordsComeOutInTheSameShape() throws Exception {
        Logging.install(LogFormat.JSON);
        Logger jul = Logger.getLogger("org.example.library");
        jul.log(Level.WARNING, "pool {0} has {1} connections", new Object[] {"main", 3});
        jul.log(Level.INFO, "lease event", new Object[] {Map.entry("worker", 4)});
        jul.fine("below INFO: dropped");
        Logger.getLogger("org.apache.zookeeper.ClientCnxn").info("ZooKeeper's INFO chatter: dropped");
        String[] lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("logger").asText()).isEqualTo("org.example.library");
        assertThat(first.get("message").asText()).isEqualTo("pool main has 3 connections");
        assertThat(JSON.readTree(lines[1]).get("worker").asInt()).isEqualTo(4);
    }

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
        Path config = Files.writeString(dir.resolve("idmint.yaml"), "logging:\n  format: json\n");
        assertThat(Logging.choose(null, Map.of(), config)).isEqualTo(LogFormat.JSON);
        assertThat(Logging.choose(null, Map.of("IDMINT_LOG_FORMAT", "text"), config)).isEqualTo(LogFormat.TEXT);
        assertThat(Logging.choose(LogFormat.JSON, Map.of("IDMINT_LOG_FORMAT", "text"), config)).isEqualTo(LogFormat.JSON);
        assertThat(Logging.choose(null, Map.of(), null)).isEqualTo(LogFormat.TEXT);
        assertThat(Logging.choose(null, Map.of("IDMINT_LOG_FORMAT", "JSON"), null)).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> Logging.choose(null, Map.of("IDMINT_LOG_FORMAT", "xml"), null))
                .hasMessage("IDMINT_LOG_FORMAT must be text or json: IDMINT_LOG_FORMAT=xml (example: IDMINT_LOG_FORMAT=json)");
        assertThat(Logging.fromEnvironment(Map.of("IDMINT_LOG_FORMAT", "xml"))).isEqualTo(LogFormat.TEXT);
    }
}
