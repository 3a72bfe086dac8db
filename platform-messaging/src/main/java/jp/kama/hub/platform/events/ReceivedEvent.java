package jp.kama.hub.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A decoded CloudEvent as a consumer sees it. */
public final class ReceivedEvent {

    private final UUID id;
    private final String type;
    private final String source;
    private final String subject;
    private final OffsetDateTime time;
    private final byte[] data;
    private final JsonMapper json;

    ReceivedEvent(UUID id, String type, String source, String subject, OffsetDateTime time, byte[] data, JsonMapper json) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.data = data;
        this.json = json;
    }

    public UUID id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public OffsetDateTime time() {
        return time;
    }

    /** The data bound to the contract type; data that does not fit is a poison event. */
    public <T> T data(Class<T> contractType) {
        try {
            return json.readValue(data, contractType);
        } catch (JacksonException e) {
            throw new PoisonEventException("event " + id + " (" + type + ") data does not fit "
                    + contractType.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return type + " " + id + " subject " + subject;
    }
}
