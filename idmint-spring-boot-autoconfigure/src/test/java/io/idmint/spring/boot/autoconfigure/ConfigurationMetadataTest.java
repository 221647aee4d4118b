package io.idmint.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.core.BitLayout;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Boot's configuration metadata (what IDEs complete and document): every key of the config file's generator
 * sections is there under {@code idmint.}, with a description, and the top level's defaults are the file's.
 */
class ConfigurationMetadataTest {
    @Test
    void everyYamlKeyIsAPropertyWithADescription() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
        String[] keys = {"scheme", "enabled",
            "layout.preset", "layout.name", "layout.epoch", "layout.tick-millis", "layout.timestamp-bits", "layout.datacenter-bits",
            "layout.worker-bits", "layout.sequence-bits", "layout.order", "layout.lifetime-warning-days",
            "generator.datacenter", "generator.worker", "generator.clock", "generator.rollback-policy",
            "generator.rollback-max-wait-millis", "generator.rollback-max-lead-millis", "generator.overflow-policy",
            "generator.overflow-max-lead-millis", "generator.state-dir", "generator.reservation-window-millis",
            "generator.max-startup-wait-millis",
            "workers.allocation", "workers.zookeeper", "workers.etcd", "workers.cluster", "workers.region", "workers.range",
            "workers.static-range", "workers.ordinal-from-hostname", "workers.lease-ttl-millis", "workers.recycle-delay-millis",
            "workers.safety-margin-millis", "workers.per-process",
            "clock.require-ntp-sync", "clock.max-offset-to-peers-millis", "hlc.max-drift-millis", "uuid7.node", "wide128.node",
            "wide128.max-lead-millis", "generators"};
        for (String key : keys) {
            JsonNode p = byName.get("idmint." + key);
            assertThat(p).as("idmint." + key).isNotNull();
            assertThat(p.path("description").asText()).as("description of idmint." + key).isNotBlank();
        }
        assertThat(byName.get("idmint.generator.rollback-policy").path("defaultValue").asText()).isEqualTo("wait");
        assertThat(byName.get("idmint.generator.state-dir").path("defaultValue").asText()).isEqualTo("./data");
        assertThat(byName.get("idmint.workers.lease-ttl-millis").path("defaultValue").asLong()).isEqualTo(10_000);
        assertThat(byName.keySet().stream().filter(n -> n.startsWith("idmint.")).count()).isEqualTo(keys.length);
    }

    @Test
    void thePresetsAreCore() {
        assertThat(Arrays.stream(GeneratorProperties.Preset.values()).map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                .containsExactlyElementsOf(BitLayout.presets().stream().map(BitLayout::name).toList());
    }
}
