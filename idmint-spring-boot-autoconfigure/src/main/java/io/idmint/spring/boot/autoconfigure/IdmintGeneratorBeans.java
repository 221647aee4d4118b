package io.idmint.spring.boot.autoconfigure;

import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * One bean per generator, qualified by its name: a {@link NamedGenerator} for every generator, and an
 * {@link IdGenerator} for every 64-bit one (Snowflake, HLC). The default generator's beans are primary, so an
 * unqualified {@code IdGenerator} is the default; {@code @Qualifier("orders") IdGenerator} is the one named
 * orders. They come from the {@code idmintGenerators} bean, which owns them: these beans have no destroy
 * method, and the context closes the generators once, through it.
 */
class IdmintGeneratorBeans implements ImportBeanDefinitionRegistrar, EnvironmentAware {
    /** The bean that opens and owns every generator. */
    static final String OWNER = "idmintGenerators";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        for (Map.Entry<String, GeneratorProperties.Scheme> g : schemes().entrySet()) {
            String name = g.getKey();
            boolean primary = name.equals(IdIssuer.DEFAULT);
            String suffix = primary ? "" : "." + name;
            registry.registerBeanDefinition("idmintNamedGenerator" + suffix, bean(NamedGenerator.class, "namedGenerator", name, primary));
            GeneratorProperties.Scheme scheme = g.getValue();
            if (scheme == null || scheme == GeneratorProperties.Scheme.SNOWFLAKE || scheme == GeneratorProperties.Scheme.HLC) {
                registry.registerBeanDefinition("idmintIdGenerator" + suffix, bean(IdGenerator.class, "idGenerator", name, primary));
            }
        }
    }

    private static RootBeanDefinition bean(Class<?> type, String factoryMethod, String name, boolean primary) {
        RootBeanDefinition bd = new RootBeanDefinition();
        bd.setTargetType(type);
        bd.setFactoryBeanName(OWNER);
        bd.setUniqueFactoryMethodName(factoryMethod);
        bd.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        bd.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
        bd.setPrimary(primary);
        bd.setDestroyMethodName(""); // the owner closes the generators
        return bd;
    }

    /**
     * The generators the properties declare and their schemes, the default first; read here (before the
     * properties bean exists) only for their names. A value that does not bind is reported by the binding
     * of {@link IdmintProperties}, not here.
     */
    private Map<String, GeneratorProperties.Scheme> schemes() {
        Map<String, GeneratorProperties.Scheme> out = new LinkedHashMap<>();
        Binder binder = Binder.get(environment);
        try {
            out.put(IdIssuer.DEFAULT, binder.bind("idmint.scheme", GeneratorProperties.Scheme.class).orElse(null));
        } catch (RuntimeException e) {
            out.put(IdIssuer.DEFAULT, null);
        }
        try {
            binder.bind("idmint.generators", Bindable.mapOf(String.class, GeneratorProperties.class))
                    .ifBound(m -> m.forEach((name, g) -> out.putIfAbsent(name, g.getScheme())));
        } catch (RuntimeException e) {
            // the properties bean's binding fails with Boot's report of the offending value
        }
        return out;
    }
}
