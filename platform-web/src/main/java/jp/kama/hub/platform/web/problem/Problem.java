package jp.kama.hub.platform.web.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.kama.hub.platform.web.privacy.PersonalData;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The hub's one error shape, RFC 9457 as the contracts' {@code Problem} schema defines it:
 * {@code type} (default {@code about:blank}), {@code title} (default the status's reason phrase),
 * {@code status}, {@code detail}, {@code instance} (the path the caller used, gateway prefix
 * included), {@code requestId} (the request's {@code X-Request-Id}), {@code errors} (one
 * {@link FieldProblem} per bad field) and any extension members a contract names (e.g.
 * {@code currentStatus}, {@code reason}). Plain Java: the servlet and the reactive side write the
 * same {@link #body()}; headers to send with it ({@code WWW-Authenticate}) ride along.
 *
 * <p>Handlers build it with {@link #status(int)}; the web layer fills {@code instance} and
 * {@code requestId} from the request when the builder leaves them unset.
 */
public final class Problem {

    public static final String ABOUT_BLANK = "about:blank";

    private final String type;
    private final String title;
    private final int status;
    private final @Nullable String detail;
    private final @Nullable String instance;
    private final @Nullable String requestId;
    private final @Nullable List<FieldProblem> errors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    private Problem(Builder b) {
        this.type = b.type;
        HttpStatus known = HttpStatus.resolve(b.status);
        this.title = b.title != null ? b.title : known != null ? known.getReasonPhrase() : "Error " + b.status;
        this.status = b.status;
        // an echo of caller input never carries a My Number, phone number or e-mail address (issue 15)
        this.detail = PersonalData.mask(b.detail);
        this.instance = PersonalData.maskPath(b.instance);
        this.requestId = b.requestId;
        this.errors = b.errors == null ? null
                : b.errors.stream().map(e -> new FieldProblem(e.field(), PersonalData.mask(e.message()))).toList();
        this.extensions = Map.copyOf(b.extensions);
        this.headers = Map.copyOf(b.headers);
    }

    /** A problem with this HTTP status. */
    public static Builder status(int status) {
        return new Builder(status);
    }

    public static Builder status(HttpStatus status) {
        return new Builder(status.value());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public @Nullable String detail() {
        return detail;
    }

    public @Nullable String instance() {
        return instance;
    }

    public @Nullable String requestId() {
        return requestId;
    }

    /** Response headers to send with the body (not part of it). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON members in the contract's order; absent ones are left out. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    /** The same problem as Spring's {@link ProblemDetail}, for a Spring MVC handler to return. */
    public ProblemDetail toProblemDetail() {
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setType(URI.create(type));
        p.setTitle(title);
        p.setDetail(detail);
        if (instance != null) {
            p.setInstance(URI.create(instance));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (requestId != null) {
            properties.put("requestId", requestId);
        }
        if (errors != null) {
            properties.put("errors", errors);
        }
        extensions.forEach(properties::putIfAbsent);
        if (!properties.isEmpty()) {
            p.setProperties(properties);
        }
        return p;
    }

    /** Builds a {@link Problem}; every setter is optional. */
    public static final class Builder {

        private final int status;
        private String type = ABOUT_BLANK;
        private @Nullable String title;
        private @Nullable String detail;
        private @Nullable String instance;
        private @Nullable String requestId;
        private @Nullable List<FieldProblem> errors;
        private final Map<String, Object> extensions = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(int status) {
            this.status = status;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder detail(@Nullable String detail) {
            this.detail = detail;
            return this;
        }

        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder errors(List<FieldProblem> errors) {
            this.errors = errors;
            return this;
        }

        public Builder error(String field, String message) {
            return errors(List.of(new FieldProblem(field, message)));
        }

        /** An extension member the contract names; never overrides a standard member. */
        public Builder with(String name, Object value) {
            this.extensions.put(name, value);
            return this;
        }

        public Builder withAll(Map<String, ?> extensions) {
            this.extensions.putAll(extensions);
            return this;
        }

        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        /** Fills {@code instance} and {@code requestId} from the request where still unset. */
        public Builder at(String path, @Nullable String requestIdOfRequest) {
            if (instance == null) {
                instance = path;
            }
            if (requestId == null) {
                requestId = requestIdOfRequest;
            }
            return this;
        }

        public Problem build() {
            return new Problem(this);
        }
    }
}
