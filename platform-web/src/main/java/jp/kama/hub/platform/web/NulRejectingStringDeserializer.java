package jp.kama.hub.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * JSON strings as usual, except that one holding U+0000 is refused: PostgreSQL {@code text}
 * cannot store it, so it would otherwise end in a 500 when saved. Reported through
 * {@link DeserializationContext#handleWeirdStringValue}, so a collecting reader lists it with the
 * other bad fields, and a plain reader fails naming the field.
 */
public class NulRejectingStringDeserializer extends StringDeserializer {

    public static final String MESSAGE = "must not contain NUL (U+0000) characters";

    /** A Jackson module with this deserializer for every String. */
    public static tools.jackson.databind.JacksonModule module() {
        return new tools.jackson.databind.module.SimpleModule("kama-no-nul-strings")
                .addDeserializer(String.class, new NulRejectingStringDeserializer());
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        String value = super.deserialize(p, ctxt);
        if (value != null && value.indexOf('\u0000') >= 0) {
            return (String) ctxt.handleWeirdStringValue(String.class, value, MESSAGE);
        }
        return value;
    }
}
