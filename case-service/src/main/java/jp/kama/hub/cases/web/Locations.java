package jp.kama.hub.cases.web;

import java.net.URI;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code Location} header values that lead back to this service the way the caller came:
 * through the gateway the path starts with its {@code X-Forwarded-Prefix} ({@code /api}), which
 * the platform's forwarded-header filter turns into the context path. Relative (path only), so
 * neither this service's host nor a forwarded host is written into it.
 */
public final class Locations {

    private Locations() {
    }

    /** e.g. {@code of("/cases/{id}", caseId)} → {@code /api/cases/…} through the gateway, {@code /cases/…} directly. */
    public static URI of(String path, Object... variables) {
        return URI.create(ServletUriComponentsBuilder.fromCurrentContextPath().path(path)
                .buildAndExpand(variables).encode().getPath());
    }
}
