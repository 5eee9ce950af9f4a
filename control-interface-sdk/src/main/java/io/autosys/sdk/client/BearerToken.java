package io.autosys.sdk.client;

import io.autosys.sdk.server.TokenAuthInterceptor;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/** Client side of {@link TokenAuthInterceptor}: adds {@code authorization: Bearer <token>} to every call. */
public final class BearerToken extends CallCredentials {
    private final String token;

    public BearerToken(String token) {
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(TokenAuthInterceptor.AUTHORIZATION, "Bearer " + token);
        applier.apply(m);
    }
}
