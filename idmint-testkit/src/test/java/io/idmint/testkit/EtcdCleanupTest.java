package io.idmint.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each etcd preallocates 64 MB of log: one left behind per test once filled this machine's disk. */
class EtcdCleanupTest {

    @Test
    void aTemporaryEtcdDeletesItsDirectoryAtClose() throws Exception {
        Path dir;
        try (Etcd etcd = Etcd.launch()) {
            dir = etcd.directory();
            assertThat(dir.resolve("data-0")).isDirectory();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void anEtcdInACallersDirectoryDeletesItsDataButKeepsItsLog(@TempDir Path dir) throws Exception {
        try (Etcd etcd = Etcd.in(dir)) {
            etcd.start();
            assertThat(dir.resolve("data-0")).isDirectory();
        }
        assertThat(dir.resolve("data-0")).doesNotExist();
        assertThat(dir.resolve("etcd-0.log")).isRegularFile();
        assertThat(Files.size(dir.resolve("etcd-0.log"))).isPositive();
    }
}
