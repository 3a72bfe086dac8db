package jp.kama.hub.platform.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves a service's own contract file, {@code classpath:openapi/<file>} from the contracts jar,
 * at {@code /openapi/<file>}, for Swagger UI ({@code springdoc.swagger-ui.url}): the documentation
 * is the spec the code was generated from, not one inferred from the controllers. The file is
 * named by {@code kama.contract.file}; {@code Cache-Control: no-cache} so a browser never shows
 * the contract of the previous deployment.
 */
public final class ContractDocument {

    /** Where contract files live on the classpath and under which path they are served. */
    public static final String PATH_PREFIX = "/openapi/";

    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private ContractDocument() {
    }

    /** The route for {@code /openapi/<file>}; fails when the contracts jar has no such file. */
    public static RouterFunction<ServerResponse> routes(String file) {
        Resource spec = new ClassPathResource("openapi/" + file);
        if (!spec.exists()) {
            throw new IllegalStateException("kama.contract.file: no classpath resource openapi/" + file);
        }
        return RouterFunctions.route()
                .GET(PATH_PREFIX + file, request -> ServerResponse.ok()
                        .contentType(YAML)
                        .cacheControl(CacheControl.noCache())
                        .body(spec))
                .build();
    }
}
