package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.core.BitLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that runs a generator shares: a config file, and flags that override it.
 * Precedence: the file, then {@code IDMINT_*} environment variables where the command reads them, then
 * these flags.
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

    /** The file's settings (or the defaults, with {@code defaultStateDir}) with these flags applied. */
    IdmintConfig.Builder builder(Path defaultStateDir) {
        return config == null ? IdmintConfig.builder().stateDir(defaultStateDir) : IdmintConfig.load(config).toBuilder();
    }

    /** Applies the flags given on the command line over {@code b}. */
    IdmintConfig.Builder applyFlags(IdmintConfig.Builder b) {
        if (layout != null) {
            b.layout(BitLayout.preset(layout));
        }
        if (datacenter != null) {
            b.datacenter(datacenter);
        }
        if (stateDir != null) {
            b.stateDir(stateDir);
        }
        return b;
    }
}
