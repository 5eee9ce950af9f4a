package io.autosys.sdk.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Set;

/**
 * Operator APIs take a token: calls must carry {@code authorization: Bearer <token>}, or they are
 * answered UNAUTHENTICATED. Health checks (and other listed services) stay open. The comparison
 * takes constant time.
 */
public final class TokenAuthInterceptor implements ServerInterceptor {
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    private final byte[] expected;
    private final Set<String> openServices;

    public TokenAuthInterceptor(String token, Set<String> openServices) {
        Objects.requireNonNull(token, "token");
        if (token.length() < 16) {
            throw new IllegalArgumentException("the operator token must have at least 16 characters");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.openServices = Set.copyOf(openServices);
    }

    /** Open: grpc.health.v1.Health and server reflection. */
    public static TokenAuthInterceptor of(String token) {
        return new TokenAuthInterceptor(token, Set.of("grpc.health.v1.Health"));
    }

    /** Whether a header value carries the token (for HTTP filters that share the rule). */
    public boolean accepts(String authorizationHeader) {
        return authorizationHeader != null && MessageDigest.isEqual(expected,
                authorizationHeader.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        if (openServices.contains(service) || accepts(headers.get(AUTHORIZATION))) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(headers.get(AUTHORIZATION) == null
                ? "this API needs a token: send 'authorization: Bearer <token>'" : "the token is not valid"),
                new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
