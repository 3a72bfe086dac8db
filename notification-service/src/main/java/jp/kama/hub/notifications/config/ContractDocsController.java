package jp.kama.hub.notifications.config;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the contract file contracts ships ({@code classpath:openapi/notification-api.yaml}),
 * which Swagger UI ({@code /swagger-ui/index.html}) shows: the documentation is the contract
 * the code was generated from, not a description derived from the code.
 */
@RestController
class ContractDocsController {

    @GetMapping(path = "/openapi/notification-api.yaml", produces = "application/yaml")
    ResponseEntity<Resource> contract() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .body(new ClassPathResource("openapi/notification-api.yaml"));
    }
}
