package jp.kama.hub.testsupport.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.kama.hub.testsupport.hostile.ContractOperations.Operation;
import jp.kama.hub.testsupport.hostile.HostileRequests.Hints;
import jp.kama.hub.testsupport.hostile.HostileRequests.HostileRequest;
import org.junit.jupiter.api.Test;

class HostileRequestsTests {

    private static final List<String> SERVICE_CONTRACTS = List.of("case-api.yaml", "disaster-api.yaml", "notification-api.yaml", "identity-api.yaml");

    @Test
    void everyOperationOfEveryServiceContractGetsAThousandRequestsBothRefusableAndAcceptable() {
        for (String file : SERVICE_CONTRACTS) {
            List<Operation> ops = ContractOperations.of(file);
            assertThat(ops).as(file).isNotEmpty();
            for (Operation op : ops) {
                List<HostileRequest> requests = HostileRequests.generate(op, Hints.none(), 42, 1000);
                assertThat(requests).as(op.toString()).hasSize(1000);
                assertThat(requests).as(op + " must-refuse").anyMatch(HostileRequest::mustRefuse);
                assertThat(requests).as(op + " may-accept").anyMatch(r -> !r.mustRefuse());
                assertThat(requests).allSatisfy(r -> assertThat(r.pathAndQuery()).doesNotContain("{").startsWith("/"));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        Operation op = ContractOperations.of("case-api.yaml").stream().filter(o -> o.operationId().equals("submitReport")).findFirst().orElseThrow();
        List<String> a = HostileRequests.generate(op, Hints.none(), 7, 300).stream().map(HostileRequest::toString).toList();
        List<String> b = HostileRequests.generate(op, Hints.none(), 7, 300).stream().map(HostileRequest::toString).toList();
        List<String> c = HostileRequests.generate(op, Hints.none(), 8, 300).stream().map(HostileRequest::toString).toList();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void theRolesAndTheErrorTypesComeFromTheContract() {
        Operation submit = ContractOperations.of("case-api.yaml").stream().filter(o -> o.operationId().equals("submitReport")).findFirst().orElseThrow();
        assertThat(submit.roles()).containsExactly("citizen", "disaster-staff", "partner");
        assertThat(submit.parameters("header")).extracting(ContractOperations.Parameter::name).contains("Idempotency-Key");
        assertThat(submit.errorContentTypes()).contains("application/problem+json");
        assertThat(submit.anonymous()).isFalse();
    }

    @Test
    void aValueOutsideTheContractIsOneTheServerMustRefuse() {
        var size = java.util.Map.<String, Object>of("type", "integer", "minimum", 1, "maximum", 500);
        assertThat(HostileRequests.violates(size, "501")).isTrue();
        assertThat(HostileRequests.violates(size, "500")).isFalse();
        assertThat(HostileRequests.violates(size, "abc")).isTrue();
        var text = java.util.Map.<String, Object>of("type", "string", "maxLength", 5);
        assertThat(HostileRequests.violates(text, "🔥🔥🔥🔥🔥")).isFalse();
        assertThat(HostileRequests.violates(text, "a\u0000")).isTrue();
    }
}
