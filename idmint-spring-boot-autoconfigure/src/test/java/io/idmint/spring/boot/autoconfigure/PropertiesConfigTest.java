package io.idmint.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.config.IdmintConfig;
import io.idmint.core.BitLayout;
import io.idmint.spring.boot.autoconfigure.IdmintConfigurationException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The {@code idmint.*} properties mean what the YAML config file means, key for key: the same configuration
 * records come out of both, defaults and inheritance included, and problems name Spring's properties.
 */
class PropertiesConfigTest {
    static final String YAML = """
            layout:
              preset: twitter
              lifetimeWarningDays: 100
            generator:
              datacenter: 2
              worker: 7
              clock: monotonic
              rollbackPolicy: logical-offset
              rollbackMaxLeadMillis: 250
              overflowPolicy: borrow
              overflowMaxLeadMillis: 20
              stateDir: /var/lib/idmint
              reservationWindowMillis: 2000
              maxStartupWaitMillis: 500
            workers:
              allocation: hybrid
              zookeeper: 127.0.0.1:2181
              cluster: shop
              region: eu
              range: 16..31
              staticRange: 0..15
              leaseTtlMillis: 5000
              recycleDelayMillis: 3000
              safetyMarginMillis: 1000
              perProcess: 2
            clock:
              requireNtpSync: true
              maxOffsetToPeersMillis: 500
            generators:
              orders:
                layout:
                  timestampBits: 40
                  workerBits: 6
                  order: [timestamp, worker, datacenter, sequence]
                generator:
                  worker: 9
                  rollbackPolicy: wait
              events:
                scheme: hlc
                hlc: {maxDriftMillis: 3000}
              uploads:
                scheme: uuid7
                uuid7: {node: 77}
              traces:
                scheme: wide128
                wide128: {node: 5, maxLeadMillis: 300}
              plain: {}
            """;

    static final String[] PROPERTIES = {
        "idmint.layout.preset=twitter", "idmint.layout.lifetime-warning-days=100",
        "idmint.generator.datacenter=2", "idmint.generator.worker=7", "idmint.generator.clock=monotonic",
        "idmint.generator.rollback-policy=logical-offset", "idmint.generator.rollback-max-lead-millis=250",
        "idmint.generator.overflow-policy=borrow", "idmint.generator.overflow-max-lead-millis=20",
        "idmint.generator.state-dir=/var/lib/idmint", "idmint.generator.reservation-window-millis=2000",
        "idmint.generator.max-startup-wait-millis=500",
        "idmint.workers.allocation=hybrid", "idmint.workers.zookeeper=127.0.0.1:2181", "idmint.workers.cluster=shop",
        "idmint.workers.region=eu", "idmint.workers.range=16..31", "idmint.workers.static-range=0..15",
        "idmint.workers.lease-ttl-millis=5000", "idmint.workers.recycle-delay-millis=3000",
        "idmint.workers.safety-margin-millis=1000", "idmint.workers.per-process=2",
        "idmint.clock.require-ntp-sync=true", "idmint.clock.max-offset-to-peers-millis=500",
        "idmint.generators.orders.layout.timestamp-bits=40", "idmint.generators.orders.layout.worker-bits=6",
        "idmint.generators.orders.layout.order=timestamp,worker,datacenter,sequence",
        "idmint.generators.orders.generator.worker=9", "idmint.generators.orders.generator.rollback-policy=wait",
        "idmint.generators.events.scheme=hlc", "idmint.generators.events.hlc.max-drift-millis=3000",
        "idmint.generators.uploads.scheme=uuid7", "idmint.generators.uploads.uuid7.node=77",
        "idmint.generators.traces.scheme=wide128", "idmint.generators.traces.wide128.node=5",
        "idmint.generators.traces.wide128.max-lead-millis=300",
    };

    static IdmintProperties bind(String... properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String p : properties) {
            map.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("idmint", IdmintProperties.class);
    }

    @Test
    void propertiesAndTheYamlFileGiveTheSameConfiguration() throws Exception {
        Path file = Files.createTempFile("idmint", ".yaml");
        try {
            Files.writeString(file, YAML);
            IdmintConfig fromFile = IdmintConfig.load(file);
            // a named generator with no settings of its own: Spring binds an empty map entry from an empty key
            IdmintProperties bound = bind(PROPERTIES);
            bound.getGenerators().put("plain", new GeneratorProperties());
            PropertiesConfig.Result read = PropertiesConfig.read(bound);
            assertThat(read.problems()).isEmpty();
            assertThat(read.config()).isEqualTo(fromFile);
            // and it is not the defaults: the comparison had something to compare
            assertThat(read.config().generators()).hasSize(6);
            assertThat(read.config().generators().get(1).generator().layout().order().get(1)).hasToString("WORKER");
            assertThat(read.config().generators().get(5).generator().layout()).isEqualTo(BitLayout.preset("twitter"));
            assertThat(read.config().defaultGenerator().generator().worker()).isEqualTo(7);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void unsetPropertiesAreTheFilesDefaults() throws Exception {
        PropertiesConfig.Result read = PropertiesConfig.read(bind());
        assertThat(read.problems()).isEmpty();
        assertThat(read.config()).isEqualTo(IdmintConfig.defaults());
    }

    @Test
    void problemsNameSpringsPropertiesAndGiveValidSettings() {
        List<Problem> problems = problems("idmint.layout.epoch=yesterday", "idmint.generators.orders.uuid7.node=3",
                "idmint.generators.my_gen.generator.rollback-max-wait-millis=-1");
        assertThat(problems).extracting(Problem::property).containsExactlyInAnyOrder("idmint.layout.epoch",
                "idmint.generators.orders.uuid7", "idmint.generators[my_gen].generator.rollback-max-wait-millis");
        assertThat(find(problems, "idmint.layout.epoch").examples()).containsExactly("idmint.layout.epoch=2024-01-01T00:00:00Z");
        Problem section = find(problems, "idmint.generators.orders.uuid7");
        assertThat(section.reason()).contains("idmint.generators.orders.scheme=snowflake");
        assertThat(section.examples()).containsExactly("idmint.generators.orders.scheme=uuid7");
        assertThat(find(problems, "idmint.generators[my_gen].generator.rollback-max-wait-millis").examples())
                .containsExactly("idmint.generators[my_gen].generator.rollback-max-wait-millis=1000");

        assertThat(problems("idmint.workers.allocation=zookeeper")).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("idmint.workers.allocation");
            assertThat(p.reason()).contains("idmint.workers.allocation=zookeeper needs idmint.workers.zookeeper");
            assertThat(p.examples()).containsExactly("idmint.workers.zookeeper=127.0.0.1:2181");
        });
        // a layout whose widths do not fit: the problem is the layout section's, with the four widths to set
        assertThat(problems("idmint.layout.timestamp-bits=60")).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("idmint.layout");
            assertThat(p.examples()).containsExactly("idmint.layout.timestamp-bits=41", "idmint.layout.datacenter-bits=5",
                    "idmint.layout.worker-bits=5", "idmint.layout.sequence-bits=12");
        });
    }

    @Test
    void keyPathsBecomePropertyNames() {
        assertThat(ConfigProblems.property("generator.rollbackMaxWaitMillis")).isEqualTo("idmint.generator.rollback-max-wait-millis");
        assertThat(ConfigProblems.property("generators.orders.workers.staticRange")).isEqualTo("idmint.generators.orders.workers.static-range");
        assertThat(ConfigProblems.rewrite("generator.worker must be 0..31 for layout 'default': generator.worker=99"))
                .isEqualTo("idmint.generator.worker must be 0..31 for layout 'default': idmint.generator.worker=99");
        // prose is left alone: "generators default and orders", "layout 'default'", "the default generator;"
        String prose = "generators default and orders would issue the same IDs: same layout bits, the default generator; x";
        assertThat(ConfigProblems.rewrite(prose)).isEqualTo(prose);
    }

    static List<Problem> problems(String... properties) {
        PropertiesConfig.Result read = PropertiesConfig.read(bindLenient(properties));
        return ConfigProblems.of(read.problems(), name -> java.util.Optional.empty());
    }

    /** Map keys with characters Spring would drop keep them in brackets, as an application writes them. */
    static IdmintProperties bindLenient(String... properties) {
        String[] bracketed = Arrays.stream(properties).map(p -> p.replace("generators.my_gen.", "generators[my_gen].")).toArray(String[]::new);
        return bind(bracketed);
    }

    static Problem find(List<Problem> problems, String property) {
        return problems.stream().filter(p -> p.property().equals(property)).findFirst()
                .orElseThrow(() -> new AssertionError(property + " not among " + problems));
    }
}
