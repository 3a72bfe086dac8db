package jp.kama.hub.contracts.governance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The AsyncAPI document {@code src/main/asyncapi/kama-events.yaml}, read as plain YAML. */
record AsyncApi(Map<String, Object> document) {

    static final Path FILE = Path.of("src/main/asyncapi/kama-events.yaml");

    /** One channel (topic) with its messages. */
    record Channel(String id, String address, String audience, String producer, String key, String description,
                   List<Message> messages) {
        boolean partner() {
            return "partner".equals(audience);
        }
    }

    /** One message: the event type, its schema file (under src/main/resources/events) and summary. */
    record Message(String id, String type, String title, String schemaFile, String keyDescription) {
    }

    static AsyncApi read() {
        return new AsyncApi(ContractCompatibility.parse(ContractCompatibility.read(FILE)));
    }

    List<Channel> channels() {
        List<Channel> out = new ArrayList<>();
        map(document.get("channels")).forEach((id, c) -> {
            Map<String, Object> channel = map(c);
            List<Message> messages = new ArrayList<>();
            map(channel.get("messages")).values().forEach(ref -> messages.add(message((String) map(ref).get("$ref"))));
            out.add(new Channel(id, (String) channel.get("address"), (String) channel.get("x-kama-audience"),
                    (String) channel.get("x-kama-producer"), (String) channel.get("x-kama-key"),
                    (String) channel.get("description"), messages));
        });
        return out;
    }

    Message message(String ref) {
        String prefix = "#/components/messages/";
        if (ref == null || !ref.startsWith(prefix)) {
            throw new IllegalArgumentException("a channel message must reference #/components/messages/…: " + ref);
        }
        String id = ref.substring(prefix.length());
        Map<String, Object> m = map(map(map(document.get("components")).get("messages")).get(id));
        if (m.isEmpty()) {
            throw new IllegalArgumentException("no message " + id);
        }
        String payload = (String) map(m.get("payload")).get("$ref");
        String key = (String) map(map(map(m.get("bindings")).get("kafka")).get("key")).get("description");
        return new Message(id, (String) m.get("name"), (String) m.get("title"),
                payload == null ? null : Path.of(payload).getFileName().toString(), key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
