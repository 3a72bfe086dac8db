package jp.kama.hub.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes integration events as CloudEvents 1.0 in structured JSON mode (the Kafka record
 * value is the whole envelope, so a partner or a replay sees every attribute) and decodes
 * them. The envelope comes from the CloudEvents SDK; the {@code data} is written with the
 * application's Jackson mapper.
 *
 * <p>On Kafka the record also carries the header {@link #KAFKA_CONTENT_TYPE_HEADER} =
 * {@link #STRUCTURED_CONTENT_TYPE} (CloudEvents Kafka protocol binding, structured content
 * mode, §3.3.1), so a partner's CloudEvents SDK ({@code io.cloudevents.kafka.CloudEventDeserializer})
 * recognises the record as a CloudEvent; {@code docs/events.md} says why structured, not binary.
 */
public final class CloudEventCodec {

    /** The Kafka header that tells a CloudEvents Kafka binding the content mode and event format. */
    public static final String KAFKA_CONTENT_TYPE_HEADER = "content-type";

    /** The media type of the JSON event format, with the charset the spec's own example names. */
    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=UTF-8";

    private final EventFormat format;
    private final JsonMapper json;
    private final URI source;
    private final Clock clock;

    public CloudEventCodec(JsonMapper json, String source, Clock clock) {
        this.format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        this.json = json;
        this.source = URI.create(source);
        this.clock = clock;
    }

    /** A new event with a fresh id and the current time. */
    public EncodedEvent encode(String type, String subject, Object data) {
        UUID id = UUID.randomUUID();
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json.writeValueAsBytes(data))
                .build();
        return new EncodedEvent(id, type, subject, format.serialize(event));
    }

    /** Reads an envelope; a malformed one is a {@link PoisonEventException}. */
    public ReceivedEvent decode(byte[] bytes) {
        try {
            CloudEvent event = format.deserialize(bytes);
            if (event.getData() == null) {
                throw new PoisonEventException("event " + event.getId() + " has no data");
            }
            return new ReceivedEvent(UUID.fromString(event.getId()), event.getType(), event.getSource().toString(),
                    event.getSubject(), event.getTime(), event.getData().toBytes(), json);
        } catch (EventDeserializationException | IllegalArgumentException e) {
            throw new PoisonEventException("not a CloudEvents 1.0 JSON envelope: " + e.getMessage(), e);
        }
    }

    /** An event ready for the outbox: {@code payload} is the structured JSON envelope. */
    public record EncodedEvent(UUID id, String type, String subject, byte[] payload) {
        @Override
        public String toString() {
            return "EncodedEvent[" + type + " " + id + " " + new String(payload, StandardCharsets.UTF_8) + "]";
        }
    }
}
