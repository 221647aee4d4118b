package io.idmint.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.config.AllocationKind;
import io.idmint.config.ConfigException;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.config.Workers;
import io.idmint.core.issuing.UnknownGeneratorException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application without idmint-coordination or idmint-segment is told, and what the holder exposes:
 * no coordinator or store is reached, so these run without ZooKeeper, etcd or a database.
 */
class OptionalModulesTest {
    @TempDir
    Path dir;

    /** A context class loader that cannot see {@code hidden}, as an application without that dependency. */
    private static <T> T without(String hidden, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(before) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(hidden)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        });
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A static Snowflake default (worker 1) and a second generator {@code name} with {@code scheme}, marks in {@code dir}. */
    private IdmintConfig defaultAnd(String name, SchemeSettings scheme) {
        GeneratorConfig second = new GeneratorConfig(name, GeneratorConfig.DEFAULT.generator().withStateDir(dir).withWorker(2),
                Workers.STATIC).withScheme(scheme);
        return new IdmintConfig(IdmintConfig.defaults().http(), IdmintConfig.defaults().grpc(),
                GeneratorConfig.DEFAULT.withGenerator(s -> s.withStateDir(dir).withWorker(1)), List.of(second));
    }

    @Test
    void leasingWithoutTheCoordinationModuleNamesTheKeyAndTheDependency() {
        IdmintConfig leased = IdmintConfig.defaults().withGenerator(s -> s.withStateDir(null))
                .withWorkers(w -> new Workers(AllocationKind.ZOOKEEPER, "127.0.0.1:1", null, "c", "eu", 0, 7, 0, -1,
                        2000, 1000, 400, 1));
        assertThatThrownBy(() -> without("io.idmint.coordination", () -> Composition.open(leased)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "workers.allocation=zookeeper leases worker IDs through idmint-coordination, which is not on the"
                                + " classpath: add the dependency io.idmint:idmint-coordination (example: allocation: static)"));
    }

    @Test
    void aSegmentGeneratorWithoutTheSegmentModuleNamesItsKeyAndTheDependency() {
        IdmintConfig cfg = defaultAnd("orders", SchemeSettings.Segment.DEFAULT);
        assertThatThrownBy(() -> without("io.idmint.segment", () -> Composition.open(cfg)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("generators.orders.scheme=segment")
                .hasMessageContaining("add the dependency io.idmint:idmint-segment");
        // The default generator, opened before, was closed on the way out: its lock is free again.
        try (OpenedGenerators again = Composition.open(new IdmintConfig(cfg.http(), cfg.grpc(), cfg.generators().get(0), List.of()))) {
            assertThat(again.issuer().issueOne(again.issuer().defaultGenerator())).isPositive();
        }
    }

    @Test
    void onlyThe64BitGeneratorsAreIdGenerators() {
        IdmintConfig cfg = defaultAnd("events", SchemeSettings.Uuid7.DEFAULT);
        try (OpenedGenerators opened = Composition.open(cfg)) {
            assertThat(opened.idGenerators()).containsOnlyKeys("default");
            assertThat(opened.idGenerator("default").nextId()).isPositive();
            assertThat(opened.namedGenerator("events").scheme()).isEqualTo("uuid7");
            assertThatThrownBy(() -> opened.idGenerator("events")).isInstanceOf(UnknownGeneratorException.class);
        }
    }

    @Test
    void aNodeGivesItsUuidGeneratorsItsNumberAndAMarkOfTheirOwn() {
        IdmintConfig cfg = IdmintConfig.defaults().withGenerator(s -> s.withStateDir(dir));
        IdmintConfig uuid = new IdmintConfig(cfg.http(), cfg.grpc(), cfg.generators().get(0).withScheme(new SchemeSettings.Uuid7(5)),
                List.of());
        try (OpenedGenerators node = Composition.openForNode(uuid, UnaryOperator.identity(), "n9", 9)) {
            assertThat(node.namedGenerator("").scheme()).isEqualTo("uuid7");
        }
        assertThat(dir.resolve("uuid7-node9.hwm")).exists();
    }

    @Test
    void selectNamesTheGeneratorsThereAre() {
        assertThat(Composition.select(IdmintConfig.defaults(), null).name()).isEqualTo("default");
        assertThatThrownBy(() -> Composition.select(IdmintConfig.defaults(), "orders"))
                .isInstanceOf(UnknownGeneratorException.class).hasMessageContaining("default");
    }
}
