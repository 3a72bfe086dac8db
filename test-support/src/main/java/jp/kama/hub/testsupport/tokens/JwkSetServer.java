package jp.kama.hub.testsupport.tokens;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves {@link SignedTestTokens#jwkSetJson()} at {@code /jwks} on 127.0.0.1 and a free port, so
 * that a service started by a test verifies the test tokens the way it verifies Keycloak's
 * (through {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}).
 */
public final class JwkSetServer implements AutoCloseable {

    private final HttpServer server;

    private JwkSetServer(HttpServer server) {
        this.server = server;
    }

    public static JwkSetServer serving(SignedTestTokens tokens) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                byte[] body = tokens.jwkSetJson().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new JwkSetServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JWK set's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
