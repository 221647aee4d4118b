package io.idmint.spring.boot.autoconfigure;

import io.idmint.core.issuing.IdIssuer;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code idmint} actuator endpoint, where it is exposed ({@code management.endpoints.web.exposure.include}). */
@AutoConfiguration(after = IdmintAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class, IdIssuer.class})
@ConditionalOnBean(IdIssuer.class)
@ConditionalOnAvailableEndpoint(IdmintEndpoint.class)
public class IdmintEndpointAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    IdmintEndpoint idmintEndpoint(IdIssuer issuer) {
        return new IdmintEndpoint(issuer);
    }
}
