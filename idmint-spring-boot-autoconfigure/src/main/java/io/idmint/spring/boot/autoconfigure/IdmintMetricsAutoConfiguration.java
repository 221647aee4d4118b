package io.idmint.spring.boot.autoconfigure;

import io.idmint.core.issuing.IdIssuer;
import io.idmint.metrics.IdmintMeters;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** idmint's meters on the application's {@code MeterRegistry} (Spring Boot binds every {@link MeterBinder} bean). */
@AutoConfiguration(after = IdmintAutoConfiguration.class)
@ConditionalOnClass({MeterBinder.class, IdIssuer.class, IdmintMeters.class})
@ConditionalOnBean(IdIssuer.class)
public class IdmintMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    IdmintMeters idmintMeters(IdIssuer issuer) {
        return new IdmintMeters(issuer);
    }
}
