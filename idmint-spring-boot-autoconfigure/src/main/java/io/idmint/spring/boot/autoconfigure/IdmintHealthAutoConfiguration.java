package io.idmint.spring.boot.autoconfigure;

import io.idmint.core.issuing.IdIssuer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code idmint} health indicator ({@code management.health.idmint.enabled=false} turns it off). */
@AutoConfiguration(after = IdmintAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, IdIssuer.class})
@ConditionalOnBean(IdIssuer.class)
@ConditionalOnEnabledHealthIndicator("idmint")
public class IdmintHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "idmintHealthIndicator")
    IdmintHealthIndicator idmintHealthIndicator(IdIssuer issuer) {
        return new IdmintHealthIndicator(issuer);
    }
}
