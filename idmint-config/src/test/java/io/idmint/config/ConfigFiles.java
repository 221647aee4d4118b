package io.idmint.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a YAML text to a file in a test's temporary directory and reads it back the ways the tests need. */
final class ConfigFiles {
    private ConfigFiles() {}

    static Path write(Path dir, String yaml) {
        Path file = dir.resolve("idmint.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@link IdmintConfig#problems(Path)} of {@code yaml}. */
    static List<String> problems(Path dir, String yaml) {
        return IdmintConfig.problems(write(dir, yaml));
    }

    /** {@link IdmintConfig#load(Path)} of {@code yaml}. */
    static IdmintConfig load(Path dir, String yaml) {
        return IdmintConfig.load(write(dir, yaml));
    }

    /** The configuration the reader builds from {@code yaml}, whatever problems it also found. */
    static IdmintConfig read(Path dir, String yaml) {
        return ConfigFileReader.read(write(dir, yaml)).config();
    }
}
