package io.idmint.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/** Temporary state directories the tests delete, and the high-water mark files in them. */
final class TempDirs {
    private TempDirs() {}

    static Path create() {
        try {
            return Files.createTempDirectory("idmint-starter-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code reservedUntilMillis} of a high-water mark file. */
    static long reservedUntil(Path mark) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(mark)));
            return Long.parseLong(p.getProperty("reservedUntilMillis"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
