package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HighWaterMarkStore#file}'s promises, observed through the file system: a mark is replaced
 * atomically and durably (the temp file is written and forced before it is renamed over the mark, and the
 * directory is forced after the rename), the lock file's channel is closed on close and on every failed
 * open, and the store names the absolute path of its file.
 */
class FileStoreDurabilityTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final RecordingFileSystem fs = new RecordingFileSystem();

    @TempDir
    Path dir;

    private Path markFile() {
        return fs.wrap(dir.resolve("state").resolve("w.hwm"));
    }

    @Test
    void aMarkIsWrittenForcedRenamedAndItsDirectoryForced() throws Exception {
        try (HighWaterMarkStore store = HighWaterMarkStore.file(markFile())) {
            fs.clearEvents();
            store.store(new HighWaterMark(T + 1000, T));
            assertThat(fs.events()).containsSubsequence(
                    "open w.hwm.tmp for write", "write w.hwm.tmp", "force w.hwm.tmp with metadata", "close w.hwm.tmp",
                    "move w.hwm.tmp to w.hwm",
                    "open state for read", "force state with metadata", "close state");
            assertThat(fs.events()).as("nothing after the directory is forced")
                    .endsWith("force state with metadata", "close state");
            assertThat(fs.openChannels()).containsExactly("w.hwm.lock");
            assertThat(store.load()).contains(new HighWaterMark(T + 1000, T));
        }
        Path real = dir.resolve("state").resolve("w.hwm");
        assertThat(Files.readString(real)).contains("reservedUntilMillis=" + (T + 1000)).contains("writtenAtMillis=" + T);
        assertThat(dir.resolve("state").resolve("w.hwm.tmp")).doesNotExist();
    }

    @Test
    void closeClosesTheLockFilesChannelSoTheWorkerCanBeOpenedAgain() {
        HighWaterMarkStore store = HighWaterMarkStore.file(markFile());
        assertThat(fs.openChannels()).containsExactly("w.hwm.lock");
        store.close();
        assertThat(fs.openChannels()).isEmpty();
        assertThat(fs.events()).contains("close w.hwm.lock");
        try (HighWaterMarkStore again = HighWaterMarkStore.file(markFile())) {
            assertThat(again.load()).isEmpty();
        }
    }

    @Test
    void aLockHeldByAnotherProcessFailsTheOpenAndLeavesNoChannelOpen() {
        fs.lockHeldElsewhere = true;
        assertThatThrownBy(() -> HighWaterMarkStore.file(markFile())).isInstanceOf(IdGenerationException.class)
                .hasMessageContaining("another generator holds " + dir.resolve("state").resolve("w.hwm.lock"));
        assertThat(fs.openChannels()).isEmpty();
    }

    @Test
    void aLockHeldInThisProcessFailsTheOpenAndLeavesOnlyTheHoldersChannelOpen() {
        try (HighWaterMarkStore holder = HighWaterMarkStore.file(markFile())) {
            assertThatThrownBy(() -> HighWaterMarkStore.file(markFile())).isInstanceOf(IdGenerationException.class)
                    .hasMessageContaining("another generator holds");
            assertThat(fs.openChannels()).containsExactly("w.hwm.lock");
            assertThat(holder.load()).isEmpty();
        }
        assertThat(fs.openChannels()).isEmpty();
    }

    @Test
    void anIoErrorWhileLockingFailsTheOpenAndLeavesNoChannelOpen() {
        fs.failTryLockWith = new IOException("No locks available");
        assertThatThrownBy(() -> HighWaterMarkStore.file(markFile())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot open high-water mark ").hasMessageContaining(": No locks available");
        assertThat(fs.openChannels()).isEmpty();
    }

    @Test
    void theStoreNamesTheAbsolutePathOfItsFile() {
        Path file = dir.resolve("w.hwm");
        try (HighWaterMarkStore store = HighWaterMarkStore.file(file)) {
            assertThat(store.location()).isEqualTo(file.toAbsolutePath().toString());
        }
    }
}
