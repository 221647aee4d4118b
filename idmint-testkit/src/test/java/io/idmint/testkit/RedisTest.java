package io.idmint.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** With appendfsync always an acknowledged write survives SIGKILL; without the append-only file it does not. */
class RedisTest {

    @Test
    void anAcknowledgedWriteSurvivesAKill9WithAppendFsyncAlways() throws Exception {
        Path dir;
        try (Redis redis = Redis.launch()) {
            dir = redis.directory();
            assertThat(redis.cli("CONFIG", "GET", "appendfsync")).isEqualTo("appendfsync\nalways");
            assertThat(redis.cli("INCRBY", "k", "7")).isEqualTo("7");

            redis.kill9();
            assertThat(redis.running()).isFalse();
            redis.start();

            assertThat(redis.cli("GET", "k")).isEqualTo("7");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void withoutTheAppendOnlyFileAKill9LosesTheData() throws Exception {
        try (Redis redis = Redis.launch(false, "everysec")) {
            redis.cli("SET", "k", "1");
            redis.kill9();
            redis.start();
            assertThat(redis.cli("EXISTS", "k")).isEqualTo("0");
        }
    }

    @Test
    void extraSettingsReachTheServer() throws Exception {
        try (Redis redis = Redis.launch(true, "always", "--rename-command", "CONFIG", "")) {
            assertThatThrownBy(() -> redis.cli("CONFIG", "GET", "appendonly")).hasMessageContaining("unknown command");
        }
        assertThatThrownBy(() -> Redis.launch(true, "sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appendfsync=sometimes");
    }
}
