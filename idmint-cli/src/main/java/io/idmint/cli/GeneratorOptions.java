package io.idmint.cli;

import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.core.BitLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that runs a generator shares: a config file, and flags that override it.
 * Precedence: the file, then {@code IDMINT_*} environment variables where the command reads them, then
 * these flags, which change the default generator (or the one {@code generate --generator} chose).
 */
final class GeneratorOptions {
    @Option(names = "--config", description = "YAML config file (see validate-config); flags override it.")
    Path config;

    @Option(names = "--layout", description = "Preset layout: default, twitter, discord, instagram, sonyflake.")
    String layout;

    @Option(names = "--datacenter", description = "Datacenter ID (default 0, or the config's).")
    Long datacenter;

    @Option(names = "--state-dir", description = "Where the high-water mark lives.")
    Path stateDir;

    /** The file's settings, or the embedded default with its state in {@code defaultStateDir} (null: none). */
    IdmintConfig load(Path defaultStateDir) {
        return config == null ? IdmintConfig.defaults().withGenerator(s -> s.withStateDir(defaultStateDir))
                : IdmintConfig.load(config);
    }

    /** Applies the flags given on the command line over {@code g}. */
    GeneratorConfig applyFlags(GeneratorConfig g) {
        GeneratorConfig out = g;
        if (layout != null) {
            BitLayout chosen = BitLayout.preset(layout);
            out = out.withGenerator(s -> s.withLayout(chosen));
        }
        if (datacenter != null) {
            out = out.withGenerator(s -> s.withDatacenter(datacenter));
        }
        if (stateDir != null) {
            out = out.withGenerator(s -> s.withStateDir(stateDir));
        }
        return out;
    }

    /** Applies the flags over the default generator of {@code cfg}. */
    IdmintConfig applyFlags(IdmintConfig cfg) {
        return cfg.withDefaultGenerator(this::applyFlags);
    }

    /** Where the settings came from, for messages. */
    String source() {
        return config == null ? "the command line" : config + " with the command line";
    }
}
