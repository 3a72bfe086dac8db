package jp.kama.hub.cases.config;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the contract file itself ({@code openapi/case-api.yaml}, shipped in the contracts
 * jar) for Swagger UI: the UI shows the spec the code was generated from, not one inferred
 * from the controllers.
 */
@RestController
class ContractController {

    private static final Resource SPEC = new ClassPathResource("openapi/case-api.yaml");

    @GetMapping(value = "/openapi/case-api.yaml", produces = "application/yaml")
    ResponseEntity<Resource> spec() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(SPEC);
    }
}
