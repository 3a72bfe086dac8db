package jp.kama.hub.testsupport.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}): the
 * request line goes out exactly as given, so a path with {@code %zz}, {@code ..} or a lone
 * surrogate's bytes reaches the server unchanged (java.net.URI, and so java.net.http, refuses or
 * normalises them). The server closes the connection, so the client keeps no TIME_WAIT ports.
 */
final class RawHttp {

    /** An answer: status, headers (lower-case names, the last value of each), body (at most 2 MiB read). */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_BODY = 2 * 1024 * 1024;

    private RawHttp() {
    }

    static Answer send(int port, String method, String pathAndQuery, List<String[]> headers, byte[] body, String contentType,
                       int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            head.append("Accept: application/json, */*;q=0.5\r\n");
            for (String[] h : headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer (413, 400) and close before reading a large body
                }
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int headerEnd = -1;
        byte[] chunk = new byte[8192];
        while (headerEnd < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("connection closed before the answer's headers: " + buf.toString(StandardCharsets.ISO_8859_1));
            }
            buf.write(chunk, 0, n);
            headerEnd = indexOf(buf.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] all = buf.toByteArray();
        String[] lines = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, headerEnd + 4, all.length - headerEnd - 4);
        if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            return new Answer(status, headers, body.toByteArray());
        }
        try {
            int n;
            while (body.size() < MAX_BODY && (n = in.read(chunk)) >= 0) {
                body.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no end of the answer within the time limit (status " + status + ")", e);
        }
        byte[] raw = body.toByteArray();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            raw = dechunk(raw);
        }
        return new Answer(status, headers, raw);
    }

    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < raw.length) {
            int eol = indexOf(raw, "\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (eol < 0) {
                break;
            }
            String size = new String(raw, pos, eol - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) {
                break;
            }
            int start = eol + 2;
            out.write(raw, start, Math.min(n, raw.length - start));
            pos = start + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] what) {
        return indexOf(data, what, 0);
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
