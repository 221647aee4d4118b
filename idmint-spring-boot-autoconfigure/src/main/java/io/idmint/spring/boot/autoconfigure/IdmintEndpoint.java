package io.idmint.spring.boot.autoconfigure;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code idmint} actuator endpoint: {@code GET /actuator/idmint} lists the generators (scheme, layout,
 * identity, readiness); {@code GET /actuator/idmint/{id}} decodes an ID as {@code bin/idmint inspect} does
 * (decimal, base32 or hex for 64-bit IDs; UUID or base32 for 128-bit ones), {@code ?generator=orders} naming
 * the generator whose IDs it is (default: the default one). An ID that does not decode, or an unknown
 * generator, answers 400. Expose it with {@code management.endpoints.web.exposure.include=health,idmint}.
 */
@Endpoint(id = "idmint")
public class IdmintEndpoint {
    private final IdIssuer issuer;

    public IdmintEndpoint(IdIssuer issuer) {
        this.issuer = issuer;
    }

    @ReadOperation
    public Map<String, Object> generators() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (NamedGenerator g : issuer.generators()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", g.scheme());
            g.layout().ifPresent(l -> m.put("layout", layout(l)));
            m.put("datacenter", g.datacenter());
            m.put("worker", g.worker());
            m.put("ready", g.readiness().ready());
            all.put(g.name(), m);
        }
        return Map.of("generators", all);
    }

    @ReadOperation
    public Map<String, Object> decode(@Selector String id, @Nullable String generator) {
        NamedGenerator g;
        long[] words;
        try {
            g = issuer.generator(generator);
            words = g.codec().parse(id);
        } catch (IllegalArgumentException e) { // InvalidRequestException, InvalidIdException, an unknown generator
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", g.name());
        m.put("scheme", g.scheme());
        try {
            m.putAll(g.codec().describe(words));
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
        return m;
    }

    private static Map<String, Object> layout(BitLayout l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("bits", l.binaryView());
        m.put("epoch", l.epoch().toString());
        m.put("tickMillis", l.tickMillis());
        m.put("workers", l.maxValue(Field.WORKER) + 1);
        m.put("endOfLife", l.endOfLife().toString());
        return m;
    }
}
