package jp.kama.hub.platform.web;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.CollectingProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.exc.CollectedProblem;
import tools.jackson.databind.util.ClassUtil;

/**
 * Jackson 3.1's {@link CollectingProblemHandler} (one problem per bad value, then reading goes
 * on), widened to the mismatches it leaves to fail fast: a value of the wrong JSON kind
 * ({@code "latitude": true}, {@code "location": "abc"}). Unknown properties stay what the
 * mapper says they are (ignored in the services), not problems.
 */
final class EveryFieldProblemHandler extends CollectingProblemHandler {

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) {
        return false;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
            String failureMsg) throws JacksonException {
        return record(ctxt, p, targetType, failureMsg) ? skip(p, targetType.getRawClass()) : NOT_HANDLED;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
            ValueInstantiator valueInsta, JsonParser p, String msg) throws JacksonException {
        return record(ctxt, p, ctxt.constructType(instClass), msg) ? skip(p, instClass) : NOT_HANDLED;
    }

    private boolean record(DeserializationContext ctxt, JsonParser p, JavaType targetType, String message) {
        List<CollectedProblem> bucket = getBucket(ctxt);
        if (bucket == null || bucket.size() >= getMaxProblems()) {
            return false;
        }
        // Jackson passes no message for some mismatches (an array where an object is expected)
        String text = message != null ? message : BodyProblems.expectation(targetType.getRawClass());
        bucket.add(new CollectedProblem(p.streamReadContext().pathAsPointer(), text, targetType,
                p.currentTokenLocation(), null, p.currentToken()));
        return true;
    }

    private static Object skip(JsonParser p, Class<?> type) throws JacksonException {
        p.skipChildren();
        return type.isPrimitive() ? ClassUtil.defaultValue(type) : null;
    }
}
