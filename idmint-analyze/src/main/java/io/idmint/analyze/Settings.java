package io.idmint.analyze;

import io.idmint.core.IdFormat;
import java.nio.file.Path;

/**
 * How {@link Analyzer} reads and judges a stream.
 *
 * @param format the text form of every line, or null for the one rule every face uses ({@code 0x…} hex, digits
 *     decimal, 13 symbols with a letter base32; 13 digits are ambiguous and reported as invalid lines)
 * @param gapMillis a worker's timestamps jumping forward by more than this is a gap (idle, or the clock stepped)
 * @param regressionMillis a worker's timestamp more than this behind its newest is a clock regression (0: any)
 * @param hotFactor a worker with more than this times the mean count of the workers seen is hot
 * @param burstRatio a tick using at least this fraction of the sequence is a burst near the cap
 * @param examples how many examples of each finding to keep (their counts are always exact)
 * @param sortBufferIds IDs the duplicate check sorts in memory before it writes a run to disk
 * @param tempDir where the duplicate check's runs go
 */
public record Settings(IdFormat format, long gapMillis, long regressionMillis, double hotFactor, double burstRatio,
                       int examples, int sortBufferIds, Path tempDir) {
    public static final long DEFAULT_GAP_MILLIS = 10_000;
    public static final int DEFAULT_SORT_BUFFER_IDS = 8 << 20;

    public static Settings defaults() {
        return new Settings(null, DEFAULT_GAP_MILLIS, 0, 2.0, 0.8, 20, DEFAULT_SORT_BUFFER_IDS,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public Settings {
        if (gapMillis < 1) {
            throw new IllegalArgumentException("gap threshold must be at least 1 ms: gapMillis=" + gapMillis);
        }
        if (regressionMillis < 0) {
            throw new IllegalArgumentException("regression threshold must be 0 ms or more: regressionMillis=" + regressionMillis);
        }
        if (!(hotFactor > 1)) {
            throw new IllegalArgumentException("hot factor must be above 1: hotFactor=" + hotFactor);
        }
        if (!(burstRatio > 0 && burstRatio <= 1)) {
            throw new IllegalArgumentException("burst ratio must be in (0, 1]: burstRatio=" + burstRatio);
        }
        if (examples < 0 || examples > 100_000) {
            throw new IllegalArgumentException("examples must be 0..100000: examples=" + examples);
        }
        if (sortBufferIds < 1024) {
            throw new IllegalArgumentException("the sort buffer must hold at least 1024 IDs: sortBufferIds=" + sortBufferIds);
        }
    }

    public Settings withFormat(IdFormat f) {
        return new Settings(f, gapMillis, regressionMillis, hotFactor, burstRatio, examples, sortBufferIds, tempDir);
    }

    public Settings withGapMillis(long ms) {
        return new Settings(format, ms, regressionMillis, hotFactor, burstRatio, examples, sortBufferIds, tempDir);
    }

    public Settings withRegressionMillis(long ms) {
        return new Settings(format, gapMillis, ms, hotFactor, burstRatio, examples, sortBufferIds, tempDir);
    }

    public Settings withHotFactor(double f) {
        return new Settings(format, gapMillis, regressionMillis, f, burstRatio, examples, sortBufferIds, tempDir);
    }

    public Settings withBurstRatio(double r) {
        return new Settings(format, gapMillis, regressionMillis, hotFactor, r, examples, sortBufferIds, tempDir);
    }

    public Settings withExamples(int n) {
        return new Settings(format, gapMillis, regressionMillis, hotFactor, burstRatio, n, sortBufferIds, tempDir);
    }

    public Settings withSortBufferIds(int n) {
        return new Settings(format, gapMillis, regressionMillis, hotFactor, burstRatio, examples, n, tempDir);
    }

    public Settings withTempDir(Path dir) {
        return new Settings(format, gapMillis, regressionMillis, hotFactor, burstRatio, examples, sortBufferIds, dir);
    }
}
