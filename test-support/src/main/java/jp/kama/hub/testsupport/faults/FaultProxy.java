package jp.kama.hub.testsupport.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 in front of one real server (a JWK set, the fake LINE API, the fake
 * SMS gateway, an SMTP server) that injects the faults of fault drill R6 on command:
 * <ul>
 * <li>{@link #pass()}: bytes go through unchanged;
 * <li>{@link #slow(Duration)}: every answer comes late: the server's first bytes on a connection
 *     (an SMTP greeting) and its first bytes after each request are held back until the delay has
 *     passed since the connection or the request (a slow identity provider, a slow LINE);
 * <li>{@link #reset()}: the request is read, then the connection is reset (TCP RST, as
 *     WireMock's {@code CONNECTION_RESET_BY_PEER});
 * <li>{@link #empty()}: the request is read, then the connection is closed without an answer
 *     (WireMock's {@code EMPTY_RESPONSE}).
 * </ul>
 * Changing the fault resets every open connection, so a pooled keep-alive connection meets the
 * new fault on its next request instead of slipping past it. Not a WireMock: it needs no extra
 * artifact and, being a proxy, keeps the real server (its state, idempotency keys, records)
 * behind it. Every thread it uses is virtual and ends with its connection.
 */
public final class FaultProxy implements AutoCloseable {

    private sealed interface Fault {
    }

    private record Pass() implements Fault {
    }

    private record Slow(Duration delay) implements Fault {
    }

    private record Reset() implements Fault {
    }

    private record Empty() implements Fault {
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Fault fault = new Pass();
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy on 127.0.0.1 and a free port in front of {@code host:port}, passing bytes through until told otherwise. */
    public static FaultProxy to(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
            FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(host, port));
            Thread.ofVirtual().name("fault-proxy-" + listener.getLocalPort()).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A proxy in front of the server of an {@code http://host:port/...} URL. */
    public static FaultProxy toUrl(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return to(uri.getHost(), uri.getPort());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code url} with its host and port replaced by this proxy's: {@code http://127.0.0.1:<proxy port>/path}. */
    public String via(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://127.0.0.1:" + port() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public void pass() {
        set(new Pass());
    }

    public void slow(Duration delay) {
        set(new Slow(delay));
    }

    public void reset() {
        set(new Reset());
    }

    public void empty() {
        set(new Empty());
    }

    private void set(Fault next) {
        fault = next;
        open.forEach(FaultProxy::abort);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                Fault now = fault;
                Thread.ofVirtual().start(() -> serve(client, now));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client, Fault now) {
        open.add(client);
        try (client) {
            switch (now) {
                case Reset r -> {
                    readRequest(client);
                    abort(client);
                }
                case Empty e -> readRequest(client);
                case Pass p -> relay(client, Duration.ZERO);
                case Slow s -> relay(client, s.delay());
            }
        } catch (IOException e) {
            // the client or the server went away: so does this connection
        } finally {
            open.remove(client);
        }
    }

    /** Reads what the client sends at once (a request), so a reset or close comes after it. */
    private static void readRequest(Socket client) throws IOException {
        client.setSoTimeout(300);
        try {
            client.getInputStream().read(new byte[16 * 1024]);
        } catch (SocketTimeoutException e) {
            // a client that waits for the server to speak first (SMTP)
        }
    }

    private void relay(Socket client, Duration delay) throws IOException {
        try (Socket server = new Socket()) {
            server.connect(target, 5_000);
            open.add(server);
            try {
                // when the answer may go out: 0 = at once; the connection's start counts as a request
                java.util.concurrent.atomic.AtomicLong holdUntil = new java.util.concurrent.atomic.AtomicLong(
                        delay.isZero() ? 0 : System.nanoTime() + delay.toNanos());
                Thread up = Thread.ofVirtual().start(() -> pump(client, server, bytes -> {
                    if (!delay.isZero()) {
                        holdUntil.compareAndSet(0, System.nanoTime() + delay.toNanos());
                    }
                }));
                pump(server, client, bytes -> {
                    long until = holdUntil.getAndSet(0);
                    long wait;
                    while (until != 0 && (wait = until - System.nanoTime()) > 0 && !closed) {
                        LockSupport.parkNanos(wait);
                    }
                });
                up.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.remove(server);
            }
        }
    }

    private static void pump(Socket from, Socket to, java.util.function.IntConsumer beforeWrite) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                beforeWrite.accept(n);
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            abort(to);
            abort(from);
        }
    }

    /** Closes with a TCP RST (linger 0), as a peer resetting the connection. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (SocketException e) {
            // already closed
        } catch (IOException e) {
            // nothing left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(FaultProxy::abort);
    }
}
