package jp.kama.hub.testsupport.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link ContractValidation} fails a MockMvc exchange that the contract does not allow, and only
 * that: shown with a fake case-service controller against the real {@code case-api.yaml}.
 */
class ContractValidationTests {

    @RestController
    static class FakePartnerKeys {
        static String answer;

        @GetMapping("/partner-keys")
        ResponseEntity<String> list() {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
        }

        @PostMapping("/partner-keys")
        ResponseEntity<Void> issue() {
            return ResponseEntity.status(400).build();
        }

        @GetMapping("/not-in-the-contract")
        String stray() {
            return "hello";
        }

        @GetMapping("/actuator/health")
        String health() {
            return "UP";
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FakePartnerKeys())
            .alwaysExpect(ContractValidation.of("case-api.yaml")).build();

    @Test
    void aResponseAsTheContractSaysPasses() throws Exception {
        FakePartnerKeys.answer = "[]";
        mvc.perform(get("/partner-keys"));
    }

    @Test
    void aResponseBodyTheContractDoesNotHaveFails() {
        // a key without its required partnerId and createdAt
        FakePartnerKeys.answer = "[{\"keyId\": \"6b616d61-0000-4000-8000-000000000001\", \"partnerName\": \"x\"}]";
        assertThatThrownBy(() -> mvc.perform(get("/partner-keys")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /partner-keys -> 200 does not match the contract case-api.yaml")
                .hasMessageContaining("validation.response.body.schema.required");
    }

    @Test
    void aPathThatIsNoOperationOfTheContractFailsExceptTheServicesOwnEndpoints() throws Exception {
        assertThatThrownBy(() -> mvc.perform(get("/not-in-the-contract")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("validation.request.path.missing");
        mvc.perform(get("/actuator/health"));
    }

    @Test
    void oneRequestIsExemptedWithItsReason() throws Exception {
        FakePartnerKeys.answer = "[{\"keyId\": \"6b616d61-0000-4000-8000-000000000001\", \"partnerName\": \"x\"}]";
        mvc.perform(get("/partner-keys").with(ContractValidation.notChecked("shows the exemption")));
        assertThatThrownBy(() -> ContractValidation.notChecked(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScopedExceptionNamesItsReasonAndCoversOnlyItsScope() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("exception.incomplete-keys", "GET /partner-keys validation.response.body.schema.required -- shows a scoped exception");
        ContractValidation scoped = ContractValidation.create("case-api.yaml", settings);
        assertThat(scoped.exceptions()).containsExactly("incomplete-keys: shows a scoped exception");
        MockMvc lenient = MockMvcBuilders.standaloneSetup(new FakePartnerKeys()).alwaysExpect(scoped).build();
        FakePartnerKeys.answer = "[{\"keyId\": \"6b616d61-0000-4000-8000-000000000001\", \"partnerName\": \"x\"}]";
        lenient.perform(get("/partner-keys"));
        assertThatThrownBy(() -> lenient.perform(get("/not-in-the-contract"))).isInstanceOf(AssertionError.class);

        Properties malformed = new Properties();
        malformed.setProperty("exception.no-reason", "GET /partner-keys validation.response.body.schema.type");
        assertThatThrownBy(() -> ContractValidation.create("case-api.yaml", malformed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("<reason>");
    }
}
