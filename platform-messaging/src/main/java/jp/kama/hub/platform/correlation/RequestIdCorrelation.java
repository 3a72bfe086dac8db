package jp.kama.hub.platform.correlation;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The request id on its way through Kafka. Over HTTP it is {@code X-Request-Id} and the logging
 * MDC key {@value #MDC_KEY} (platform-web's {@code RequestIdFilter} / {@code RequestIdWebFilter});
 * the outbox records the MDC's id beside each event ({@code outbox_event.request_id}), the relay
 * sends it as the Kafka header {@value #KAFKA_HEADER}, and {@link RequestIdRecordInterceptor}
 * puts it back into the MDC while a consumer handles the record, so the consumer's log lines and
 * the events it appends in turn carry the same id.
 *
 * <p>The header is an ordinary Kafka header beside the CloudEvent, not part of it: the record
 * is in the CloudEvents Kafka binding's structured mode, where an SDK reads the whole event from
 * the value and ignores other headers (only {@code ce_*} headers would be attributes, and that
 * only in binary mode), so partners' events do not change.
 *
 * <p>Work that no request caused (the overdue scan, schedulers, an event that arrived without
 * the header) has no id: nothing is recorded or sent, and its log lines show {@code [-]}.
 */
public final class RequestIdCorrelation {

    /** The MDC key, the same as platform-web's: log patterns print it with {@code %X{requestId:--}}. */
    public static final String MDC_KEY = "requestId";

    /** The Kafka header the relay adds and consumers read: the id as UTF-8 bytes. */
    public static final String KAFKA_HEADER = "kama-request-id";

    /**
     * platform-web's rule for {@code X-Request-Id} ({@code RequestIds}), repeated here because
     * this module has no web stack: letters, digits and {@code . _ : -}, at most 64. An id that
     * does not fit is dropped, never logged or passed on (no log forging through a header).
     */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIdCorrelation() {
    }

    /** The id the current thread works for (the MDC's), or null outside a request or handling. */
    public static @Nullable String current() {
        return acceptable(MDC.get(MDC_KEY));
    }

    /** The id when it looks like one, else null. */
    public static @Nullable String acceptable(@Nullable String id) {
        return id != null && ACCEPTABLE.matcher(id).matches() ? id : null;
    }

    /** The value of the Kafka header, or null when there is none or it does not look like an id. */
    public static @Nullable String fromHeader(byte @Nullable [] value) {
        return value == null ? null : acceptable(new String(value, StandardCharsets.UTF_8));
    }

    /** The value to send as the Kafka header. */
    public static byte[] toHeader(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
