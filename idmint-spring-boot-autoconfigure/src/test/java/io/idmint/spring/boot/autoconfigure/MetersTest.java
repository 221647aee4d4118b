package io.idmint.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.composition.Composition;
import io.idmint.composition.OpenedGenerators;
import io.idmint.config.AllocationKind;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.config.Workers;
import io.idmint.core.BitLayout;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.metrics.IdmintMeters;
import io.idmint.server.IdService;
import io.idmint.testkit.LoopbackZooKeeper;
import io.idmint.testkit.Promtool;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * The starter's meters are the service's: for the same generators (static Snowflake, a leased one, HLC,
 * UUIDv7), the same names, types, labels and descriptions, and the same Prometheus exposition families,
 * which promtool accepts.
 */
class MetersTest {
    @Test
    void sameMetersAsTheServiceForStaticLeasedAndUuidGenerators() throws Exception {
        try (TestingServer zk = LoopbackZooKeeper.start(200)) {
            Workers leased = new Workers(AllocationKind.ZOOKEEPER, LoopbackZooKeeper.address(zk), null, "meters-test", "eu",
                    8, 15, 0, -1, 2000, 1000, 400, 1);
            IdmintConfig cfg = new IdmintConfig(IdmintConfig.defaults().http(), IdmintConfig.defaults().grpc(),
                    GeneratorConfig.DEFAULT.withGenerator(s -> s.withStateDir(null).withWorker(3)),
                    List.of(new GeneratorConfig("orders", GeneratorConfigs.noState(), leased),
                            new GeneratorConfig("events", GeneratorConfigs.noState().withWorker(4).withLayout(BitLayout.preset("hlc")), Workers.STATIC,
                                    SchemeSettings.Hlc.DEFAULT),
                            new GeneratorConfig("uploads", GeneratorConfigs.noState(), Workers.STATIC, new SchemeSettings.Uuid7(9))))
                    .validate("test");
            try (OpenedGenerators opened = Composition.open(cfg)) {
                IdIssuer issuer = opened.issuer();
                issuer.issueOne(issuer.generator("orders")); // counters with something in them
                PrometheusMeterRegistry service = new IdService(issuer).registry();
                PrometheusMeterRegistry starter = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                new IdmintMeters(issuer).bindTo(starter);
                try {
                    assertThat(ids(starter)).isEqualTo(ids(service)).contains(
                            "GAUGE idmint_lease_held [generator=orders]",
                            "GAUGE idmint_worker_id [datacenter=0, generator=default]",
                            "COUNTER idmint_ids_generated [generator=uploads]");
                    assertThat(families(starter.scrape())).isEqualTo(families(service.scrape()));
                    assertThat(Promtool.checkMetrics(starter.scrape())).as("promtool check metrics").isEmpty();
                    assertThat(starter.scrape()).contains("idmint_lease_held{generator=\"orders\"} 1.0")
                            .contains("idmint_ids_generated_total{generator=\"orders\"} 1.0");
                } finally {
                    starter.close();
                    service.close(); // the registry only: the generators are closed with `opened`
                }
            }
        }
    }

    /** Type, name and tags of every idmint meter (descriptions are compared as the exposition's HELP lines). */
    static Set<String> ids(PrometheusMeterRegistry r) {
        return r.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith("idmint_"))
                .map(id -> id.getType() + " " + id.getName() + " "
                        + id.getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).toList())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The {@code # TYPE} and {@code # HELP} lines: metric families with their types and help texts. */
    static Set<String> families(String exposition) {
        return exposition.lines().filter(l -> l.startsWith("# TYPE idmint_") || l.startsWith("# HELP idmint_"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
