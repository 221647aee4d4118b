package io.idmint.cli.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process's logging, set up by the command line (the composition root): which {@link LogFormat}, and
 * {@code java.util.logging} routed to the same lines as every {@link System.Logger}. The format comes from
 * {@code --log-format}, else {@value #ENV}, else the config file's {@code logging.format}, else text.
 */
public final class Logging {
    /** The environment variable naming the format: {@code text} or {@code json}. */
    public static final String ENV = "IDMINT_LOG_FORMAT";

    /** Libraries whose INFO lines are chatter at start (ZooKeeper prints its whole environment): WARN and above only. */
    private static final List<String> QUIET = List.of("org.apache.zookeeper", "org.apache.curator", "io.etcd", "io.netty",
            "io.grpc", "io.vertx", "com.zaxxer.hikari", "io.lettuce", "org.postgresql", "org.flywaydb");
    /** java.util.logging holds loggers weakly: these keep the levels set on them. */
    private static final List<Logger> KEPT = new java.util.ArrayList<>();

    private Logging() {}

    /** Writes every event from now on in {@code format}, on stderr; safe to call again. */
    public static synchronized void install(LogFormat format) {
        LogLines.format(format);
        Logger root = Logger.getLogger("");
        boolean installed = false;
        for (Handler h : root.getHandlers()) {
            if (h instanceof JulHandler) {
                installed = true;
            } else {
                root.removeHandler(h); // the default ConsoleHandler's two-line format
            }
        }
        if (!installed) {
            root.addHandler(new JulHandler());
        }
        root.setLevel(Level.INFO);
        if (KEPT.isEmpty()) {
            for (String name : QUIET) {
                Logger l = Logger.getLogger(name);
                l.setLevel(Level.WARNING);
                KEPT.add(l);
            }
        }
    }

    /** The format in force. */
    public static LogFormat format() {
        return LogLines.format();
    }

    /**
     * The format to use: {@code flag} if given, else {@value #ENV} from {@code env}, else {@code logging.format}
     * of {@code configFile} (may be null), else text.
     *
     * @throws IllegalArgumentException when the variable or the file's key holds something else than text or json
     */
    public static LogFormat choose(LogFormat flag, Map<String, String> env, Path configFile) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return LogFormat.parse(ENV, fromEnv);
        }
        if (configFile != null && Files.isReadable(configFile)) {
            try {
                JsonNode format = new YAMLMapper().readTree(configFile.toFile()).path("logging").path("format");
                if (!format.isMissingNode() && !format.isNull()) {
                    return LogFormat.parse("logging.format", format.asText());
                }
            } catch (IOException e) {
                // the config's own loading reports what is wrong with the file
            }
        }
        return LogFormat.TEXT;
    }

    /** The format {@value #ENV} names, text when unset or invalid (the command then reports the invalid value). */
    public static LogFormat fromEnvironment(Map<String, String> env) {
        try {
            return choose(null, env, null);
        } catch (IllegalArgumentException e) {
            return LogFormat.TEXT;
        }
    }
}
