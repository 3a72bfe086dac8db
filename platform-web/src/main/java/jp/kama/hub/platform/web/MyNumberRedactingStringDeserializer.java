package jp.kama.hub.platform.web;

import jp.kama.hub.platform.web.privacy.MyNumbers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;

/**
 * Every JSON string of a request body as {@link NulRejectingStringDeserializer} reads it, with any
 * My Number in it replaced ({@link MyNumbers#redactField}): a My Number typed into a description,
 * an address or a note is never stored, logged, put on a topic or published, whatever the field
 * (a new field of a contract is covered without a line of code). The one field that carries a
 * My Number on purpose ({@link MyNumbers#EXEMPT_FIELDS}) is read as sent.
 */
public final class MyNumberRedactingStringDeserializer extends NulRejectingStringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        String value = super.deserialize(p, ctxt);
        return MyNumbers.redactField(p.currentName(), value);
    }
}
