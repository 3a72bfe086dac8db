package jp.kama.hub.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.StreamUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.DeferredBindingException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The services' JSON converter: Spring's, except that a request body is read with Jackson 3.1's
 * problem collection ({@link ObjectReader#readValueCollectingProblems}), so a body with several
 * bad fields fails once with all of them ({@link DeferredBindingException}, listed in the 400's
 * {@code errors} by {@link ProblemDetailsAdvice}), and that strings holding U+0000 are refused
 * ({@link NulRejectingStringDeserializer}). Writing is unchanged.
 *
 * <p>The read path is rewritten rather than customised because Spring's converter calls
 * {@code readValue}, which stops at the first problem; it keeps what matters of Spring's
 * (generic types, JSON views, charsets, the same exceptions). The extra String deserializer is
 * only on this converter's copy of the mapper: Kafka events are read as before.
 */
public class EveryFieldJsonConverter extends JacksonJsonHttpMessageConverter {

    private static final String JSON_VIEW_HINT = com.fasterxml.jackson.annotation.JsonView.class.getName();

    public EveryFieldJsonConverter(JsonMapper mapper) {
        super(mapper.rebuild()
                .addModule(new SimpleModule("kama-no-nul-strings")
                        .addDeserializer(String.class, new MyNumberRedactingStringDeserializer()))
                .build());
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage inputMessage, @Nullable Map<String, Object> hints)
            throws IOException {
        Class<?> contextClass = type.getSource() instanceof MethodParameter parameter ? parameter.getContainingClass()
                : hints != null ? (Class<?>) hints.get("contextClass") : null;
        return readCollectingProblems(getJavaType(type.getType(), contextClass), inputMessage, hints);
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) throws IOException {
        return readCollectingProblems(getJavaType(clazz, null), inputMessage, null);
    }

    private Object readCollectingProblems(JavaType javaType, HttpInputMessage inputMessage,
            @Nullable Map<String, Object> hints) throws IOException {
        Charset charset = getCharset(inputMessage.getHeaders().getContentType());
        ObjectReader reader = getMapper().readerFor(javaType).problemCollectingReader(new EveryFieldProblemHandler());
        if (hints != null && hints.get(JSON_VIEW_HINT) instanceof Class<?> view) {
            reader = reader.withView(view);
        }
        reader = customizeReader(reader, javaType);
        try {
            InputStream body = StreamUtils.nonClosing(inputMessage.getBody());
            if (charset.equals(StandardCharsets.UTF_8)) {
                // Jackson decodes an overlong UTF-8 sequence (C0 AF) as the character it hides ('/'):
                // a body must be well-formed UTF-8 before Jackson sees it
                byte[] bytes = body.readAllBytes();
                if (!wellFormedUtf8(bytes)) {
                    throw new HttpMessageNotReadableException("The request body is not well-formed UTF-8.", inputMessage);
                }
                return reader.readValueCollectingProblems(bytes);
            }
            // Jackson detects the other UTF encodings itself; anything else is decoded first, as Spring does
            return isUnicode(charset) ? reader.readValueCollectingProblems(body)
                    : reader.readValueCollectingProblems(new InputStreamReader(body, charset));
        } catch (InvalidDefinitionException ex) {
            throw new HttpMessageConversionException("Type definition error: " + ex.getType(), ex);
        } catch (JacksonException ex) {
            throw new HttpMessageNotReadableException("JSON parse error: " + ex.getOriginalMessage(), ex, inputMessage);
        }
    }

    private static boolean wellFormedUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isUnicode(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32");
    }
}
