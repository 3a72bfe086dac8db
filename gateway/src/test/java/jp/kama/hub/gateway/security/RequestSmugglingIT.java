package jp.kama.hub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.kama.hub.gateway.support.GatewayTestSupport;
import jp.kama.hub.gateway.support.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP request smuggling (OWASP ASVS 4.2.1): a request whose framing is ambiguous (both
 * {@code Content-Length} and {@code Transfer-Encoding}, an obfuscated {@code Transfer-Encoding}, two
 * different {@code Content-Length}s) carries a second, complete request with a valid token after
 * the point where one reading of the framing ends. Sent on one keep-alive connection on a raw
 * socket, the hidden request must never reach a service: the gateway either refuses the request or
 * reads its body by one framing and closes the connection (RFC 9112 §6.3), and what it passes on is
 * framed anew by its own HTTP client.
 */
class RequestSmugglingIT extends GatewayTestSupport {

    private static final String SMUGGLED_PATH = "/cases/smuggled";

    @LocalServerPort
    private int port;

    @Test
    void aRequestHiddenBehindAmbiguousFramingNeverReachesAService() throws Exception {
        String hidden = "GET /api" + SMUGGLED_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TestTokens.valid("disaster-staff") + "\r\n\r\n";
        String endOfChunks = "0\r\n\r\n";
        String chunkedHidden = Integer.toHexString(hidden.length()) + "\r\n" + hidden + "\r\n" + endOfChunks;
        String sizeLine = Integer.toHexString(hidden.length()) + "\r\n";

        Map<String, String> shapes = new LinkedHashMap<>();
        // CL.TE: Content-Length covers everything, chunked ends before the hidden request
        shapes.put("CL.TE", "Content-Length: " + (endOfChunks + hidden).length() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + endOfChunks + hidden);
        // TE.CL: chunked carries the hidden request as data, Content-Length ends before it
        shapes.put("TE.CL", "Content-Length: " + sizeLine.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedHidden);
        for (String te : List.of("Transfer-Encoding: xchunked", "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding:\tchunked", "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: CHUNKED", " Transfer-Encoding: chunked", "X: y\r\n Transfer-Encoding: chunked")) {
            shapes.put("CL.TE with '" + te.replace("\r\n", "\\r\\n").replace("\t", "\\t") + "'",
                    "Content-Length: " + (endOfChunks + hidden).length() + "\r\n" + te + "\r\n\r\n" + endOfChunks + hidden);
        }
        // two Content-Lengths: the first ends before the hidden request, the second covers it
        shapes.put("CL.CL", "Content-Length: 2\r\nContent-Length: " + ("{}" + hidden).length() + "\r\n\r\n{}" + hidden);

        // the control: the same request, plainly framed, reaches the service (so a refusal above is the framing's)
        upstream.reset();
        upstream.answer("POST", "/reports", 201, "{\"reportId\":\"r-1\"}");
        assertThat(send("POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + TestTokens.valid("citizen") + "\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", 20_000)).containsExactly(201);
        assertThat(upstream.callsTo("POST", "/reports")).isEqualTo(1);

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            upstream.reset();
            upstream.answer("POST", "/reports", 201, "{\"reportId\":\"r-1\"}");
            List<Integer> statuses = send("POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + TestTokens.valid("citizen") + "\r\n"
                    + "Content-Type: application/json\r\n" + shape.getValue(), 2_000);
            Thread.sleep(300);
            boolean reached = upstream.received().stream().anyMatch(r -> r.path().contains("smuggled"));
            if (reached) {
                wrong.add(shape.getKey() + ": the hidden request reached the service (answers " + statuses + ")");
            }
            if (statuses.stream().anyMatch(s -> s >= 500 && s != 501)) {
                wrong.add(shape.getKey() + ": answered " + statuses);
            }
            System.out.println("smuggling " + shape.getKey() + ": answers " + statuses + ", reached the service: "
                    + upstream.received().stream().map(r -> r.method() + " " + r.path()).toList());
        }
        assertThat(wrong).isEmpty();
    }

    /** Writes the bytes on one connection and returns the status of every answer read back until it closes or is quiet. */
    private List<Integer> send(String raw, int readTimeoutMs) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(readTimeoutMs);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | SocketException e) {
                // kept open (a keep-alive waiting for more) or reset: what arrived is the answer
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (String line : all.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.matches("HTTP/1\\.[01] \\d{3}.*")) {
                statuses.add(Integer.parseInt(line.substring(9, 12)));
            }
        }
        return statuses;
    }
}
