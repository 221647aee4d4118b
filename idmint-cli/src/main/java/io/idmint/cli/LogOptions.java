package io.idmint.cli;

import io.idmint.cli.logging.LogFormat;
import io.idmint.cli.logging.Logging;
import io.idmint.core.InvalidRequestException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --log-format} of the long-running commands ({@code serve}, {@code node}): their logs on stderr. */
final class LogOptions {
    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = {"Logs on stderr as text (the default) or json (one object per line: time, level, logger,"
                    + " thread, message, and generator, worker, lease_epoch, error where known).",
                    "Default: IDMINT_LOG_FORMAT, else the config's logging.format, else text."})
    LogFormat format;

    /** Installs the chosen format before anything else logs. */
    void install(Path configFile) {
        try {
            Logging.install(Logging.choose(format, System.getenv(), configFile));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }
}
