package io.idmint.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code idmint.*}: the YAML config file's generator sections as Spring properties. The top level is the
 * generator called {@code default}; {@code idmint.generators.NAME.*} declares more, each starting from the
 * top level's settings. Unknown keys under {@code idmint.} fail the start, so a misspelt key is not ignored.
 */
@ConfigurationProperties(prefix = "idmint", ignoreUnknownFields = false)
public class IdmintProperties extends GeneratorProperties {
    /** Whether to open idmint's generators and the beans around them. */
    private boolean enabled = true;

    @NestedConfigurationProperty
    private final Clock clock = new Clock();

    /** More generators, served beside the default one: name ([a-z0-9][a-z0-9_-]{0,62}) to settings. */
    private final Map<String, GeneratorProperties> generators = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Clock getClock() {
        return clock;
    }

    public Map<String, GeneratorProperties> getGenerators() {
        return generators;
    }

    /** {@code clock:}: what this process requires of its clock. */
    public static class Clock {
        /** Whether readiness (and health) requires the kernel to report the clock NTP-synchronized. Default: false. */
        private Boolean requireNtpSync;

        /** How far from its lease peers' median a leased process's clock may read at start, in milliseconds; 0 turns the check off. Default: 10000. */
        private Long maxOffsetToPeersMillis;

        public Boolean getRequireNtpSync() {
            return requireNtpSync;
        }

        public void setRequireNtpSync(Boolean requireNtpSync) {
            this.requireNtpSync = requireNtpSync;
        }

        public Long getMaxOffsetToPeersMillis() {
            return maxOffsetToPeersMillis;
        }

        public void setMaxOffsetToPeersMillis(Long maxOffsetToPeersMillis) {
            this.maxOffsetToPeersMillis = maxOffsetToPeersMillis;
        }
    }
}
