package jp.kama.hub.notifications.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jp.kama.hub.notifications.delivery.FaultPlan.Kind;

/**
 * A TCP proxy on 127.0.0.1 in front of a fake provider (LINE, the SMS gateway, the SMTP server)
 * that breaks calls the way a network and a provider break them, as its {@link FaultPlan}
 * says: a server error, a reset connection, no answer, and the hard case, the provider accepts
 * the message but its answer never arrives (reset or time-out after the provider recorded it).
 * It knows just enough of the protocol to find the message's idempotency key (an HTTP header,
 * the e-mail's Message-ID) and the point where the provider has accepted. One call per
 * connection: every answer it passes on says {@code Connection: close}.
 */
abstract sealed class FaultyProxy implements AutoCloseable permits FaultyProxy.Http, FaultyProxy.Smtp {

    /** The longest a "no answer" connection is held when the caller does not give up by itself. */
    static final Duration HOLD_AT_MOST = Duration.ofSeconds(30);

    final String channel;
    final int upstreamPort;
    final FaultPlan plan;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean open = true;
    /** Answers the provider gave that took longer than the caller waits (a loss nobody injected). */
    final AtomicLong slowAnswers = new AtomicLong();
    final Duration callerTimeout;

    FaultyProxy(String channel, int upstreamPort, FaultPlan plan, Duration callerTimeout) {
        this.channel = channel;
        this.upstreamPort = upstreamPort;
        this.plan = plan;
        this.callerTimeout = callerTimeout;
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofVirtual().name("faulty-proxy-" + channel).start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = server.accept();
                connections.submit(() -> {
                    try (s) {
                        s.setSoTimeout((int) HOLD_AT_MOST.toMillis());
                        serve(s);
                    } catch (IOException | RuntimeException e) {
                        // the caller went away: nothing to do
                    }
                });
            } catch (IOException e) {
                if (open) {
                    System.err.println("faulty proxy " + channel + ": " + e);
                }
            }
        }
    }

    abstract void serve(Socket caller) throws IOException;

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    /** Sends RST instead of FIN. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // gone already
        }
    }

    /** Answers nothing until the caller gives up (closes) or {@link #HOLD_AT_MOST} passes. */
    static void hold(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] sink = new byte[512];
            while (in.read(sink) >= 0) {
                // swallow whatever the caller still sends
            }
        } catch (IOException e) {
            // the caller gave up, or we did
        }
        reset(s);
    }

    /** Reads up to and including CRLF (ISO-8859-1 keeps every byte), or null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (prev == '\r' && b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            prev = b;
        }
    }

    static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** HTTP/1.1: the key is a request header (X-Line-Retry-Key, Idempotency-Key). */
    static final class Http extends FaultyProxy {

        private final String keyHeader;

        Http(String channel, int upstreamPort, String keyHeader, FaultPlan plan, Duration callerTimeout) {
            super(channel, upstreamPort, plan, callerTimeout);
            this.keyHeader = keyHeader.toLowerCase(Locale.ROOT);
        }

        @Override
        void serve(Socket caller) throws IOException {
            InputStream in = caller.getInputStream();
            String requestLine = readLine(in);
            if (requestLine == null) {
                return;
            }
            StringBuilder head = new StringBuilder(requestLine);
            String key = null;
            int length = 0;
            boolean chunked = false;
            for (String line = readLine(in); line != null && !line.equals("\r\n"); line = readLine(in)) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    default -> {
                    }
                }
                if (name.equals(keyHeader)) {
                    key = value;
                }
                // one call per connection, no h2c upgrade, the body re-framed with a length
                if (!name.equals("connection") && !name.equals("upgrade") && !name.equals("http2-settings")
                        && !name.equals("keep-alive") && !name.equals("content-length") && !name.equals("transfer-encoding")) {
                    head.append(line);
                }
            }
            byte[] body = chunked ? readChunked(in) : in.readNBytes(length);
            Kind kind = plan.next(channel, key == null ? "(no key)" : key);
            switch (kind) {
                case SERVER_ERROR -> {
                    String b = "{\"message\":\"fault drill: service unavailable\"}";
                    write(caller.getOutputStream(), "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + b.length() + "\r\nConnection: close\r\n\r\n" + b);
                }
                case RESET -> reset(caller);
                case TIMEOUT -> hold(caller);
                case NONE, LOST_ANSWER_RESET, LOST_ANSWER_TIMEOUT -> {
                    long started = System.nanoTime();
                    byte[] answer = forward(head, body);
                    if (kind == Kind.LOST_ANSWER_RESET) {
                        reset(caller);
                    } else if (kind == Kind.LOST_ANSWER_TIMEOUT) {
                        hold(caller);
                    } else {
                        if (Duration.ofNanos(System.nanoTime() - started).compareTo(callerTimeout) >= 0) {
                            slowAnswers.incrementAndGet();
                        }
                        caller.getOutputStream().write(answer);
                        caller.getOutputStream().flush();
                    }
                }
            }
        }

        private byte[] forward(StringBuilder head, byte[] body) throws IOException {
            try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                up.setSoTimeout((int) HOLD_AT_MOST.toMillis());
                OutputStream out = up.getOutputStream();
                write(out, head + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
                out.write(body);
                out.flush();
                InputStream in = up.getInputStream();
                StringBuilder answerHead = new StringBuilder(readLine(in));
                int length = -1;
                for (String line = readLine(in); line != null && !line.equals("\r\n"); line = readLine(in)) {
                    int colon = line.indexOf(':');
                    String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    if (name.equals("content-length")) {
                        length = Integer.parseInt(line.substring(colon + 1).trim());
                    }
                    if (!name.equals("connection")) {
                        answerHead.append(line);
                    }
                }
                byte[] answerBody = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.write((answerHead + (length >= 0 ? "" : "Content-Length: " + answerBody.length + "\r\n")
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                all.write(answerBody);
                return all.toByteArray();
            }
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    return body.toByteArray();
                }
                int n = Integer.parseInt(size.trim().split(";")[0], 16);
                if (n == 0) {
                    for (String t = readLine(in); t != null && !t.equals("\r\n"); t = readLine(in)) {
                        // trailers: none expected
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                readLine(in); // the CRLF after the chunk
            }
        }
    }

    /**
     * SMTP, lock-step (command, reply; no pipelining, which neither Angus Mail nor GreenMail
     * uses here). The key is the message's Message-ID; the faults strike at the end of the
     * message data, where a real SMTP session loses messages or doubles them: a 451, a reset,
     * no reply, or the server's 250 (it has queued the message) never passed on.
     */
    static final class Smtp extends FaultyProxy {

        Smtp(int upstreamPort, FaultPlan plan, Duration callerTimeout) {
            super("EMAIL", upstreamPort, plan, callerTimeout);
        }

        @Override
        void serve(Socket caller) throws IOException {
            try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                up.setSoTimeout((int) HOLD_AT_MOST.toMillis());
                InputStream fromCaller = caller.getInputStream();
                OutputStream toCaller = caller.getOutputStream();
                InputStream fromServer = up.getInputStream();
                OutputStream toServer = up.getOutputStream();
                write(toCaller, reply(fromServer)); // greeting
                String rcpt = "";
                for (String line = readLine(fromCaller); line != null; line = readLine(fromCaller)) {
                    String command = line.trim().toUpperCase(Locale.ROOT);
                    if (command.startsWith("RCPT TO:")) {
                        rcpt = line.trim().substring(8).trim();
                    }
                    if (!command.equals("DATA")) {
                        write(toServer, line);
                        write(toCaller, reply(fromServer));
                        if (command.equals("QUIT")) {
                            return;
                        }
                        continue;
                    }
                    // the proxy takes the data itself and decides before the server sees any of it
                    write(toCaller, "354 End data with <CR><LF>.<CR><LF>\r\n");
                    ByteArrayOutputStream data = new ByteArrayOutputStream(4096);
                    String messageId = null;
                    boolean inHeaders = true;
                    for (String d = readLine(fromCaller); d != null && !d.equals(".\r\n"); d = readLine(fromCaller)) {
                        if (inHeaders && d.equals("\r\n")) {
                            inHeaders = false;
                        } else if (inHeaders && d.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageId = d.substring(11).trim();
                        }
                        data.write(d.getBytes(StandardCharsets.ISO_8859_1));
                    }
                    Kind kind = plan.next(channel, messageId + " " + rcpt);
                    switch (kind) {
                        case SERVER_ERROR -> {
                            quit(up); // the server never saw the data: it keeps nothing
                            write(toCaller, "451 4.3.0 fault drill: try again later\r\n");
                            afterFailure(caller);
                            return;
                        }
                        case RESET -> {
                            quit(up);
                            reset(caller);
                            return;
                        }
                        case TIMEOUT -> {
                            quit(up);
                            hold(caller);
                            return;
                        }
                        default -> {
                            long started = System.nanoTime();
                            write(toServer, "DATA\r\n");
                            String go = reply(fromServer);
                            if (!go.startsWith("354")) {
                                write(toCaller, go);
                                continue;
                            }
                            toServer.write(data.toByteArray());
                            write(toServer, ".\r\n");
                            String accepted = reply(fromServer); // 250: the server has the message
                            if (kind == Kind.LOST_ANSWER_RESET) {
                                quit(up);
                                reset(caller);
                                return;
                            }
                            if (kind == Kind.LOST_ANSWER_TIMEOUT) {
                                quit(up);
                                hold(caller);
                                return;
                            }
                            if (Duration.ofNanos(System.nanoTime() - started).compareTo(callerTimeout) >= 0) {
                                slowAnswers.incrementAndGet();
                            }
                            write(toCaller, accepted);
                        }
                    }
                }
            }
        }

        /** Ends the session with the server politely (QUIT), so it logs no broken connection. */
        private static void quit(Socket up) {
            try {
                write(up.getOutputStream(), "QUIT\r\n");
                reply(up.getInputStream());
            } catch (IOException e) {
                // gone already
            }
        }

        /** After a refused message the session ends: QUIT is answered, anything else too, then closed. */
        private static void afterFailure(Socket caller) throws IOException {
            String line = readLine(caller.getInputStream());
            if (line != null && line.trim().equalsIgnoreCase("QUIT")) {
                write(caller.getOutputStream(), "221 2.0.0 bye\r\n");
            } else if (line != null) {
                write(caller.getOutputStream(), "421 4.3.0 fault drill: closing\r\n");
            }
        }

        /** One SMTP reply, all its lines ({@code 250-…} continue, {@code 250 …} ends). */
        private static String reply(InputStream in) throws IOException {
            StringBuilder r = new StringBuilder();
            for (String line = readLine(in); line != null; line = readLine(in)) {
                r.append(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    break;
                }
            }
            if (r.isEmpty()) {
                throw new IOException("the SMTP server closed the connection");
            }
            return r.toString();
        }
    }
}
