package jp.kama.hub.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on a request it refused before any servlet saw it (an encoded slash or a NUL
 * in the path, a malformed request line): an RFC 9457 problem like every other error of the hub,
 * instead of Tomcat's HTML page naming the server and its version. Nothing of the request is
 * echoed. Installed as the host's error report valve by {@link WebProblemsAutoConfiguration}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String requestId = UUID.randomUUID().toString();
        String body = "{\"type\":\"about:blank\",\"title\":\"" + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status
                + ",\"detail\":\"The request was refused before it reached the service: its request line, path or headers are malformed.\""
                + ",\"requestId\":\"" + requestId + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Request-Id", requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer is already on its way: nothing more to say
        }
    }
}
