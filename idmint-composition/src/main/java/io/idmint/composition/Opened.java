package io.idmint.composition;

import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.NamedGenerator;

/**
 * One open generator, kept with core's 64-bit interface where it has one, so the Spring starter can expose it
 * as an {@link IdGenerator} bean without unwrapping the {@link NamedGenerator}.
 *
 * @param named what every face issues from
 * @param idGenerator the same generator as core's 64-bit interface, or null for schemes without one (uuid7,
 *     wide128, segment)
 */
record Opened(NamedGenerator named, IdGenerator idGenerator) {}
