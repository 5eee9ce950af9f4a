package io.autosys.modelrepository.api;

import io.autosys.sdk.api.SystemDescription;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered target system.
 *
 * @param systemId     the target's id (from its description)
 * @param address      host:port of its control interface
 * @param tls          whether the control interface speaks TLS
 * @param description  what it said about itself when registered (or last refreshed)
 * @param registeredAt when it was first registered
 */
public record TargetRecord(String systemId, String address, boolean tls, SystemDescription description,
        Instant registeredAt) {
    public TargetRecord {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    public String serviceKind() {
        return description.serviceKind();
    }
}
