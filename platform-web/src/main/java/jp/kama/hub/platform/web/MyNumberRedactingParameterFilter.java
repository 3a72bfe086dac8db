package jp.kama.hub.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.platform.web.privacy.MyNumbers;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query and form parameters (Open311's form fields among them) as the caller sent them, with any
 * My Number in a value replaced ({@link MyNumbers#redactField}): the parameter counterpart of
 * {@link MyNumberRedactingStringDeserializer}, so a My Number typed into a form's description is
 * not stored either.
 */
public final class MyNumberRedactingParameterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                return MyNumbers.redactField(name, super.getParameter(name));
            }

            @Override
            public String[] getParameterValues(String name) {
                return redacted(name, super.getParameterValues(name));
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                Map<String, String[]> out = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> out.put(name, redacted(name, values)));
                return Collections.unmodifiableMap(out);
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return super.getParameterNames();
            }
        }, response);
    }

    private static String[] redacted(String name, String[] values) {
        if (values == null) {
            return null;
        }
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = MyNumbers.redactField(name, values[i]);
        }
        return out;
    }
}
