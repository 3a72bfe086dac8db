package jp.kama.hub.gateway.problem;

import java.util.List;
import java.util.Map;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.reactive.ErrorFormat;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * On {@code /open311/**}, GeoReport v2 clients expect Open311's error list
 * {@code [{"code":<status>,"description":"…"}]} as {@code application/json} (same status), not
 * RFC 9457: every answer the gateway itself makes there (401, 413, 404, 503) takes this form.
 */
@Component
class Open311ErrorFormat implements ErrorFormat {

    /** Paths whose clients speak Open311 GeoReport v2, not RFC 9457. */
    static final String OPEN311_PREFIX = "/open311/";

    @Override
    public boolean appliesTo(String clientPath) {
        return clientPath.startsWith(OPEN311_PREFIX);
    }

    @Override
    public MediaType mediaType() {
        return MediaType.APPLICATION_JSON;
    }

    @Override
    public Object body(Problem problem) {
        return List.of(Map.of("code", problem.status(), "description", String.valueOf(problem.detail())));
    }
}
