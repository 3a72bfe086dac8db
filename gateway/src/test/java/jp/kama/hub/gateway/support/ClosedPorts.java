package jp.kama.hub.gateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Addresses where nothing listens, to stand in for a service or Keycloak that is down. */
public final class ClosedPorts {

    private ClosedPorts() {
    }

    /** {@code http://127.0.0.1:<port>} on a port that was free a moment ago: connecting is refused. */
    public static String deadServiceUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
