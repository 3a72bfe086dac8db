package jp.kama.hub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Every port the stack uses, all on 127.0.0.1. */
public record Ports(int gateway, int caseService, int disasterService, int notificationService, int identityService,
                    int keycloak, int keycloakManagement, int kafka, int kafkaController, int postgres, int fakeLine) {

    /** The documented ports of {@code ./kama run} (README, docker-compose.yml). */
    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 8084, 8180, 9190, 9092, 9093, 15432, 8090);
    }

    /** Free ports, for tests that must not collide with a running local stack. */
    public static Ports free() {
        Set<Integer> taken = new HashSet<>();
        return new Ports(free(taken), free(taken), free(taken), free(taken), free(taken), free(taken), free(taken),
                free(taken), free(taken), free(taken), free(taken));
    }

    private static int free(Set<Integer> taken) {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                if (taken.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
