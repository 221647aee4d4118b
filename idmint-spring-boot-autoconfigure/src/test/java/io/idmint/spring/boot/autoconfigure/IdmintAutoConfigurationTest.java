package io.idmint.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.composition.OpenedGenerators;
import io.idmint.core.BitLayout;
import io.idmint.core.GeneratorClosedException;
import io.idmint.core.IdGenerator;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.IssuingStoppedException;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.spring.boot.autoconfigure.IdmintConfigurationException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generator beans the properties declare: types, qualifiers, inheritance, ownership, shutdown, failures. */
class IdmintAutoConfigurationTest {
    Path state;
    ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        state = TempDirs.create();
        runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IdmintAutoConfiguration.class))
                .withPropertyValues("idmint.generator.state-dir=" + state);
    }

    @AfterEach
    void tearDown() {
        TempDirs.delete(state);
    }

    /** What an application injects: the default unqualified, the others by name. */
    record Injected(IdGenerator ids, IdGenerator orders, NamedGenerator uploads, NamedGenerator defaultNamed) {}

    @Configuration(proxyBeanMethods = false)
    static class Consumer {
        @Bean
        Injected injected(IdGenerator ids, @Qualifier("orders") IdGenerator orders, @Qualifier("uploads") NamedGenerator uploads,
                          NamedGenerator defaultNamed) {
            return new Injected(ids, orders, uploads, defaultNamed);
        }
    }

    @Test
    void namedGeneratorsAreQualifiedBeansAndInheritTheTopLevelsSettings() {
        runner.withUserConfiguration(Consumer.class).withPropertyValues("idmint.generator.worker=3", "idmint.generator.datacenter=1",
                        "idmint.layout.preset=twitter", "idmint.generators.orders.generator.worker=4",
                        "idmint.generators.uploads.scheme=uuid7", "idmint.generators.uploads.uuid7.node=9")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IdIssuer.class);
                    Injected in = context.getBean(Injected.class);
                    long id = in.ids().nextId();
                    BitLayout twitter = BitLayout.preset("twitter");
                    assertThat(twitter.decode(id).worker()).isEqualTo(3);
                    assertThat(twitter.decode(id).datacenter()).isEqualTo(1);
                    // orders: its own worker; layout and datacenter inherited from the top level
                    long order = in.orders().nextId();
                    assertThat(in.orders().layout()).isEqualTo(twitter);
                    assertThat(twitter.decode(order).worker()).isEqualTo(4);
                    assertThat(twitter.decode(order).datacenter()).isEqualTo(1);
                    // uploads: UUIDv7 with its node; a NamedGenerator bean, and no IdGenerator bean of that name
                    long[] uuid = new long[2];
                    in.uploads().issue(uuid, 0, BatchSize.ONE);
                    assertThat(new UUID(uuid[0], uuid[1]).version()).isEqualTo(7);
                    assertThat(UuidV7Generator.nodeOf(uuid[1])).isEqualTo(9);
                    assertThat(context.getBeansOfType(IdGenerator.class)).containsOnlyKeys("idmintIdGenerator", "idmintIdGenerator.orders");
                    assertThat(context.getBeansOfType(NamedGenerator.class)).containsOnlyKeys("idmintNamedGenerator",
                            "idmintNamedGenerator.orders", "idmintNamedGenerator.uploads");
                    assertThat(in.defaultNamed().name()).isEqualTo("default");
                    assertThat(context.getBean(IdIssuer.class).generators()).extracting(NamedGenerator::name)
                            .containsExactly("default", "orders", "uploads");
                });
    }

    @Test
    void closingTheContextStoresTheExactHighWaterMarkAndStopsIssuing() {
        List<Long> issued = new ArrayList<>();
        IdGenerator[] kept = new IdGenerator[1];
        IdIssuer[] issuer = new IdIssuer[1];
        runner.withPropertyValues("idmint.generator.worker=5").run(context -> {
            IdGenerator ids = context.getBean(IdGenerator.class);
            for (int i = 0; i < 1000; i++) {
                issued.add(ids.nextId());
            }
            Path mark = state.resolve("worker-dc0-w5.hwm");
            // while running, the mark is a reservation ahead of the clock
            assertThat(TempDirs.reservedUntil(mark)).isGreaterThan(BitLayout.DEFAULT.decode(issued.get(999)).timestamp().toEpochMilli());
            kept[0] = ids;
            issuer[0] = context.getBean(IdIssuer.class);
        });
        long last = BitLayout.DEFAULT.decode(issued.get(issued.size() - 1)).timestamp().toEpochMilli();
        assertThat(TempDirs.reservedUntil(state.resolve("worker-dc0-w5.hwm"))).isEqualTo(last);
        assertThatThrownBy(() -> kept[0].nextId()).isInstanceOf(GeneratorClosedException.class);
        assertThatThrownBy(() -> issuer[0].issueOne(issuer[0].defaultGenerator())).isInstanceOf(IssuingStoppedException.class);
        // the lock is released: the same worker opens again, and continues after the stored mark
        runner.withPropertyValues("idmint.generator.worker=5").run(context ->
                assertThat(context.getBean(IdGenerator.class).nextId()).isGreaterThan(issued.get(issued.size() - 1)));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIssuer {
        @Bean
        IdIssuer myIssuer() {
            return IdIssuer.of(NamedGenerator.snowflake("default", IdGenerator.builder(BitLayout.DEFAULT).worker(30).build(),
                    LeaseReport.NONE));
        }
    }

    @Test
    void anIssuerOfTheApplicationsOwnReplacesTheComposedOne() {
        runner.withUserConfiguration(OwnIssuer.class).withPropertyValues("idmint.generator.worker=3").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(IdIssuer.class).doesNotHaveBean(OpenedGenerators.class);
            assertThat(context.getBean(IdIssuer.class).defaultGenerator().worker()).isEqualTo(30);
            assertThat(Files.exists(state.resolve("worker-dc0-w3.hwm"))).isFalse();
        });
    }

    @Test
    void disabledOpensNothing() {
        runner.withPropertyValues("idmint.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(IdIssuer.class).doesNotHaveBean(IdGenerator.class);
            assertThat(state).isEmptyDirectory();
        });
    }

    @Test
    void invalidPropertiesFailTheStartNamingEachPropertyItsValueAndAValidSetting() {
        runner.withPropertyValues("idmint.generator.worker=99", "idmint.generators.orders.layout.tick-millis=5000")
                .run(context -> {
                    assertThat(context).hasFailed();
                    IdmintConfigurationException e = rootCause(context.getStartupFailure(), IdmintConfigurationException.class);
                    assertThat(e.problems()).extracting(Problem::property)
                            .containsExactlyInAnyOrder("idmint.generator.worker", "idmint.generators.orders.layout.tick-millis");
                    Problem worker = e.problems().stream().filter(p -> p.property().equals("idmint.generator.worker")).findFirst().orElseThrow();
                    assertThat(worker.value()).isEqualTo("99");
                    assertThat(worker.origin()).contains("idmint.generator.worker");
                    assertThat(worker.reason()).contains("idmint.generator.worker must be 0..31 for layout 'default'")
                            .doesNotContain("example");
                    assertThat(worker.examples()).containsExactly("idmint.generator.worker=3");
                });
        // two static generators that would compose the same IDs: the named one inherits the top level's worker
        runner.withPropertyValues("idmint.generator.worker=2", "idmint.generators.orders.layout.preset=default").run(context -> {
            IdmintConfigurationException e = rootCause(context.getStartupFailure(), IdmintConfigurationException.class);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.reason()).contains("generators default and orders would issue the same IDs");
                assertThat(p.examples()).containsExactly("idmint.generators.orders.generator.worker=3");
            });
        });
    }

    @Test
    void leasedAllocationWithoutTheCoordinationModuleIsAConfigurationProblem() {
        runner.withClassLoader(new FilteredClassLoader("io.idmint.coordination"))
                .withPropertyValues("idmint.workers.allocation=zookeeper", "idmint.workers.zookeeper=127.0.0.1:1")
                .run(context -> {
                    IdmintConfigurationException e = rootCause(context.getStartupFailure(), IdmintConfigurationException.class);
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.property()).isEqualTo("idmint.workers.allocation");
                        assertThat(p.reason()).contains("io.idmint:idmint-coordination");
                        assertThat(p.examples()).containsExactly("idmint.workers.allocation=static");
                    });
                });
    }

    @Test
    void aWorkerHeldByAnotherContextFailsTheStartNamingTheGeneratorAndItsProperties() {
        runner.withPropertyValues("idmint.generator.worker=7").run(first ->
                runner.withPropertyValues("idmint.generator.worker=7").run(second -> {
                    IdmintStartupException e = rootCause(second.getStartupFailure(), IdmintStartupException.class);
                    assertThat(e.generator()).isEqualTo("default");
                    assertThat(e.getMessage()).contains("another generator holds").contains("worker-dc0-w7.hwm.lock");
                    assertThat(e.properties()).contains("idmint.generator.worker", "idmint.generator.state-dir");
                }));
    }

    static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + failure, failure);
    }
}
