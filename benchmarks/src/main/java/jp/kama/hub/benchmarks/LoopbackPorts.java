package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jp.kama.hub.localstack.Ports;

/**
 * Free loopback ports for a stack the benchmark starts, taken BELOW the kernel's ephemeral
 * range. {@link Ports#free()} asks the kernel for port 0, i.e. a port from the ephemeral range;
 * on a crowded machine the stack takes minutes to start, and meanwhile an outgoing connection
 * of any process may be given that same port, so the component started last (Keycloak) finds
 * its port taken. Ports under the ephemeral range are never handed out that way.
 */
final class LoopbackPorts {

    /** Above the documented ports of {@code ./kama run} (8080-8180, 9092-9190, 15432). */
    static final int LOWEST = 20_000;

    private LoopbackPorts() {
    }

    static Ports pick(Random random) {
        int ephemeralLow = ephemeralRangeStart();
        int span = Math.max(1_000, ephemeralLow - LOWEST - 200);
        int port = LOWEST + random.nextInt(span);
        List<Integer> ports = new ArrayList<>();
        for (int tries = 0; ports.size() < 11 && tries < 5_000; tries++, port++) {
            if (port >= ephemeralLow) {
                port = LOWEST;
            }
            if (free(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < 11) {
            return Ports.free();
        }
        return new Ports(ports.get(0), ports.get(1), ports.get(2), ports.get(3), ports.get(4), ports.get(5), ports.get(6),
                ports.get(7), ports.get(8), ports.get(9), ports.get(10));
    }

    /** The first port of {@code /proc/sys/net/ipv4/ip_local_port_range} (32768 by default). */
    static int ephemeralRangeStart() {
        try {
            // not Files.readString: it sizes its buffer by the file size, which /proc/sys reports wrongly
            String[] f;
            try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                f = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim().split("\\s+");
            }
            return Integer.parseInt(f[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
