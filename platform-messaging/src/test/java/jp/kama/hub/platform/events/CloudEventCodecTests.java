package jp.kama.hub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.core.message.Encoding;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec against the CloudEvents SDK's own Kafka protocol binding (structured content mode)
 * and JSON event format, in both directions, and what it refuses as poison. No broker: the
 * record is what {@code OutboxRelay} hands to the producer; {@code CloudEventsKafkaBindingIT}
 * takes the same record through a real broker.
 */
class CloudEventCodecTests {

    static final String TOPIC = "kama.platform-test.probes.v1";
    static final String TYPE = "jp.kama.platform-test.probed.v1";
    static final Instant NOW = Instant.parse("2026-12-06T01:02:03Z");

    record Probe(String text, int n) {
    }

    final JsonMapper json = JsonMapper.builder().build();
    final CloudEventCodec codec = new CloudEventCodec(json, "/kama/platform-test", Clock.fixed(NOW, ZoneOffset.UTC));

    /** The record headers the relay writes beside an encoded event. */
    static Headers structuredHeaders() {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventCodec.KAFKA_CONTENT_TYPE_HEADER, CloudEventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static CloudEvent readWithSdk(Headers headers, byte[] value) {
        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            sdk.configure(Map.of(), false);
            return sdk.deserialize(TOPIC, headers, value);
        }
    }

    static byte[] writeWithSdk(Encoding encoding, Headers headers, CloudEvent event) {
        try (CloudEventSerializer sdk = new CloudEventSerializer()) {
            sdk.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, encoding,
                    CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE), false);
            return sdk.serialize(TOPIC, headers, event);
        }
    }

    @Test
    void aPartnersSdkReadsEveryAttributeOfAnEncodedEvent() {
        String subject = UUID.randomUUID().toString();
        CloudEventCodec.EncodedEvent encoded = codec.encode(TYPE, subject, new Probe("避難所 open", 3));

        CloudEvent event = readWithSdk(structuredHeaders(), encoded.payload());

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(encoded.id().toString());
        assertThat(event.getSource()).isEqualTo(URI.create("/kama/platform-test"));
        assertThat(event.getType()).isEqualTo(TYPE);
        assertThat(event.getSubject()).isEqualTo(subject);
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(json.readValue(event.getData().toBytes(), Probe.class)).isEqualTo(new Probe("避難所 open", 3));
    }

    @Test
    void theSdksJsonFormatReadsThePayloadAlone() {
        CloudEventCodec.EncodedEvent encoded = codec.encode(TYPE, "s-1", new Probe("format", 1));

        CloudEvent event = new JsonFormat().deserialize(encoded.payload());

        assertThat(event.getId()).isEqualTo(encoded.id().toString());
        assertThat(event.getType()).isEqualTo(TYPE);
    }

    @Test
    void anEventAPartnerWritesInStructuredModeDecodesWithEveryAttribute() {
        UUID id = UUID.randomUUID();
        CloudEvent sent = CloudEventBuilder.v1().withId(id.toString()).withSource(URI.create("/partner/city-b"))
                .withType(TYPE).withSubject("shelter-7").withTime(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC))
                .withDataContentType("application/json").withData("{\"text\":\"from partner\",\"n\":7}".getBytes(StandardCharsets.UTF_8))
                .build();
        Headers headers = new RecordHeaders();

        byte[] value = writeWithSdk(Encoding.STRUCTURED, headers, sent);
        ReceivedEvent received = codec.decode(value);

        assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith(JsonFormat.CONTENT_TYPE);
        assertThat(received.id()).isEqualTo(id);
        assertThat(received.type()).isEqualTo(TYPE);
        assertThat(received.source()).isEqualTo("/partner/city-b");
        assertThat(received.subject()).isEqualTo("shelter-7");
        assertThat(received.time()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(received.data(Probe.class)).isEqualTo(new Probe("from partner", 7));
    }

    @Test
    void anEventSurvivesCodecToRecordToSdkAndBackUnchanged() {
        CloudEventCodec.EncodedEvent encoded = codec.encode(TYPE, "case-42", new Probe("round trip", 42));
        CloudEvent viaSdk = readWithSdk(structuredHeaders(), encoded.payload());

        ReceivedEvent back = codec.decode(writeWithSdk(Encoding.STRUCTURED, new RecordHeaders(), viaSdk));

        assertThat(back.id()).isEqualTo(encoded.id());
        assertThat(back.type()).isEqualTo(TYPE);
        assertThat(back.subject()).isEqualTo("case-42");
        assertThat(back.source()).isEqualTo("/kama/platform-test");
        assertThat(back.data(Probe.class)).isEqualTo(new Probe("round trip", 42));
    }

    @Test
    void aBinaryModeRecordIsPoisonForTheStructuredOnlyHub() {
        CloudEvent sent = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/partner"))
                .withType(TYPE).withDataContentType("application/json")
                .withData("{\"text\":\"binary\",\"n\":1}".getBytes(StandardCharsets.UTF_8)).build();

        byte[] value = writeWithSdk(Encoding.BINARY, new RecordHeaders(), sent);

        assertThatThrownBy(() -> codec.decode(value)).isInstanceOf(PoisonEventException.class);
    }

    @Test
    void bytesThatAreNoEnvelopeArePoison() {
        assertThatThrownBy(() -> codec.decode("not json at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("not a CloudEvents 1.0 JSON envelope");
        assertThatThrownBy(() -> codec.decode("{\"text\":\"bare data\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void anEnvelopeWithoutDataOrWithANonUuidIdIsPoison() {
        String noData = """
                {"specversion":"1.0","id":"%s","source":"/x","type":"%s"}""".formatted(UUID.randomUUID(), TYPE);
        String badId = """
                {"specversion":"1.0","id":"42","source":"/x","type":"%s","datacontenttype":"application/json","data":{"n":1}}"""
                .formatted(TYPE);

        assertThatThrownBy(() -> codec.decode(noData.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("has no data");
        assertThatThrownBy(() -> codec.decode(badId.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void dataThatDoesNotFitTheContractTypeIsPoison() {
        String wrongData = """
                {"specversion":"1.0","id":"%s","source":"/x","type":"%s","datacontenttype":"application/json","data":{"n":"many"}}"""
                .formatted(UUID.randomUUID(), TYPE);
        ReceivedEvent event = codec.decode(wrongData.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> event.data(Probe.class))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("does not fit Probe");
    }
}
