package jp.kama.hub.platform.web.reactive;

import jp.kama.hub.platform.web.problem.Problem;
import org.springframework.http.MediaType;

/**
 * For paths whose clients speak another standard's error format instead of RFC 9457 (the
 * gateway's {@code /open311/**}: GeoReport v2's error list). A bean of this type makes
 * {@link ReactiveProblemWriter} write {@link #body} as {@link #mediaType} there, same status.
 */
public interface ErrorFormat {

    /** Whether this format answers the path the client used. */
    boolean appliesTo(String clientPath);

    MediaType mediaType();

    /** The JSON value to write for this problem. */
    Object body(Problem problem);
}
