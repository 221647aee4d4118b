package io.idmint.spring.boot.autoconfigure;

import io.idmint.composition.Composition;
import io.idmint.composition.OpenObserver;
import io.idmint.composition.OpenedGenerators;
import io.idmint.config.ConfigException;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * idmint's generators from the {@code idmint.*} properties: an {@link IdIssuer} over all of them (what health,
 * metrics, the endpoint and Hibernate use), and per generator a {@link NamedGenerator} and, for 64-bit schemes, an
 * {@link io.idmint.core.IdGenerator}, qualified by the generator's name. They are opened when the context starts
 * (a generator that cannot start fails the start) and closed when it closes, each storing its exact high-water
 * mark or releasing its worker lease. An application that defines its own {@code IdIssuer} bean keeps it.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(IdIssuer.class)
@ConditionalOnBooleanProperty(name = "idmint.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IdmintProperties.class)
public class IdmintAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(IdmintAutoConfiguration.class);

    /** The generators opened from the properties, unless the application brings its own issuer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(IdIssuer.class)
    @Import(IdmintGeneratorBeans.class)
    static class Generators {
        @Bean(name = IdmintGeneratorBeans.OWNER, destroyMethod = "close")
        OpenedGenerators idmintGenerators(IdmintProperties properties, Environment environment) {
            return open(properties, environment);
        }

        /** Closed by its owner above, after every bean that depends on it. */
        @Bean(destroyMethod = "")
        IdIssuer idmintIssuer(OpenedGenerators generators) {
            return generators.issuer();
        }
    }

    /** Hibernate's {@code @IdmintId} fields draw from this context's issuer (the setting {@code idmint.issuer}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer",
            "io.idmint.hibernate.IdmintRegistry"})
    static class HibernateIntegration {
        /** {@code io.idmint.hibernate.IdmintRegistry.ISSUER}, named here so the class is not needed to load this one. */
        static final String ISSUER_SETTING = "idmint.issuer";

        @Bean
        HibernatePropertiesCustomizer idmintHibernatePropertiesCustomizer(ObjectProvider<IdIssuer> issuer) {
            return settings -> issuer.ifAvailable(i -> settings.put(ISSUER_SETTING, i));
        }
    }

    /**
     * The entity manager factory is built after the issuer and closed before it, so no insert draws an ID
     * from a generator that already stored its final mark.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor",
            "jakarta.persistence.EntityManagerFactory"})
    static class EntityManagerFactoryDependsOnIssuer extends EntityManagerFactoryDependsOnPostProcessor {
        EntityManagerFactoryDependsOnIssuer() {
            super(IdIssuer.class);
        }
    }

    /**
     * Reads the properties with idmint-config's rules and opens every generator.
     *
     * @throws IdmintConfigurationException naming every invalid property
     * @throws IdmintStartupException naming the generator that could not start and the properties that decide it
     */
    static OpenedGenerators open(IdmintProperties properties, Environment environment) {
        PropertiesConfig.Result read = PropertiesConfig.read(properties);
        if (!read.problems().isEmpty()) {
            throw new IdmintConfigurationException(ConfigProblems.of(read.problems(), lookup(environment)));
        }
        Function<String, Optional<String[]>> lookup = lookup(environment);
        return Composition.open(read.config(), UnaryOperator.identity(), new OpenObserver() {
            @Override
            public void opened(GeneratorConfig g, NamedGenerator named) {
                describe(g, named);
            }

            @Override
            public RuntimeException failed(GeneratorConfig g, RuntimeException failure) {
                return failure instanceof ConfigException e ? new IdmintConfigurationException(ConfigProblems.of(e.problems(), lookup))
                        : new IdmintStartupException(g.name(), startupProperties(g), failure);
            }
        });
    }

    private static void describe(GeneratorConfig g, NamedGenerator named) {
        String allocation = g.workers().allocation().name().toLowerCase(Locale.ROOT);
        String identity = named.layout().map(l -> "layout " + l.name() + ", datacenter " + named.datacenter() + ", worker "
                + named.worker() + " (" + allocation + ")").orElse("node " + g.node());
        LOG.info("idmint: generator " + g.name() + " open: " + named.scheme() + ", " + identity + ", high-water mark "
                + (g.scheme().usesWorkers() ? g.highWaterMarkFile() : g.nodeMarkFile()).map(Object::toString).orElse("off"));
        if (g.scheme().usesWorkers() && !g.workers().leased() && !g.generator().workerGiven()) {
            LOG.warn("idmint: generator " + g.name() + " issues as static worker " + g.generator().worker() + " because "
                    + prefix(g) + "generator.worker is not set: two instances of this application would issue the same IDs;"
                    + " give each its own " + prefix(g) + "generator.worker, or lease one (" + prefix(g) + "workers.allocation)");
        }
    }

    private static String prefix(GeneratorConfig g) {
        return g.name().equals(IdIssuer.DEFAULT) ? "idmint." : "idmint.generators." + g.name() + ".";
    }

    /** What decides whether a generator can start: its identity and mark, or its lease. */
    static List<String> startupProperties(GeneratorConfig g) {
        String p = prefix(g);
        if (g.workers().leased()) {
            return List.of(p + "workers.allocation", p + "workers." + g.workers().coordinator(), p + "workers.range",
                    p + "workers.cluster");
        }
        if (g.scheme() instanceof SchemeSettings.Uuid7 || g.scheme() instanceof SchemeSettings.Wide128) {
            return List.of(p + g.scheme().name() + ".node", p + "generator.state-dir", p + "generator.max-startup-wait-millis");
        }
        return List.of(p + "generator.worker", p + "generator.datacenter", p + "generator.state-dir",
                p + "generator.max-startup-wait-millis");
    }

    /** A property's value and origin as the application set it: {@code [value, origin]}. */
    static Function<String, Optional<String[]>> lookup(Environment environment) {
        return name -> {
            if (!ConfigurationPropertyName.isValid(name)) {
                return Optional.empty();
            }
            ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty p = source.getConfigurationProperty(key);
                if (p != null) {
                    return Optional.of(new String[] {String.valueOf(p.getValue()), p.getOrigin() == null ? null : p.getOrigin().toString()});
                }
            }
            return Optional.empty();
        };
    }
}
