package jp.kama.hub.disasters.config;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the contract itself ({@code openapi/disaster-api.yaml} from the contracts jar) for
 * Swagger UI ({@code springdoc.swagger-ui.url}), so the documentation is the spec the code
 * is generated from, not a description reverse-engineered from the controllers.
 */
@RestController
class OpenApiDocument {

    static final String PATH = "/openapi/disaster-api.yaml";

    private final Resource spec = new ClassPathResource("openapi/disaster-api.yaml");

    @GetMapping(PATH)
    ResponseEntity<Resource> spec() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .cacheControl(CacheControl.noCache()).body(spec);
    }
}
