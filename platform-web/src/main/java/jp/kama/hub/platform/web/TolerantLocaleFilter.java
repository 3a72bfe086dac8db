package jp.kama.hub.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Accept-Language} Tomcat refuses to parse (more than its {@code maxLocaleCount} of 10
 * languages) is taken as no preference, the server's default locale: Tomcat throws from
 * {@code getLocale()}, which Spring's {@code RequestContextFilter} calls on every request, and the
 * answer would otherwise be a 500. The services answer JSON; a language preference never decides
 * whether a request is served.
 */
public final class TolerantLocaleFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Locale getLocale() {
                try {
                    return super.getLocale();
                } catch (IllegalArgumentException e) {
                    return Locale.getDefault();
                }
            }

            @Override
            public Enumeration<Locale> getLocales() {
                try {
                    return super.getLocales();
                } catch (IllegalArgumentException e) {
                    return Collections.enumeration(java.util.List.of(Locale.getDefault()));
                }
            }
        }, response);
    }
}
