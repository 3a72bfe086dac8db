package jp.kama.hub.infra.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.kama.hub.devcard.DevSecondFactor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds the realm file's staff second factor together: every staff role requires it, the
 * realm's login flows ask for it, and the development users' OTP secrets are the ones
 * {@link DevSecondFactor} computes codes from. (KeycloakServerIT shows Keycloak enforcing it.)
 */
class StaffSecondFactorRealmTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> STAFF_ROLES = List.of("disaster-staff", "department-staff", "shelter-staff", "admin");

    private static JsonNode realm() throws Exception {
        try (InputStream in = StaffSecondFactorRealmTests.class.getResourceAsStream(KeycloakServer.DEFAULT_REALM_RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void everyStaffRoleRequiresTheSecondFactorAndNoCitizenOrPartnerRoleDoes() throws Exception {
        Map<String, List<String>> composites = new HashMap<>();
        for (JsonNode role : realm().path("roles").path("realm")) {
            List<String> inner = new ArrayList<>();
            role.path("composites").path("realm").forEach(n -> inner.add(n.asString()));
            composites.put(role.path("name").asString(), inner);
        }
        for (String staff : STAFF_ROLES) {
            assertThat(composites.get(staff)).as(staff).contains("second-factor-required");
        }
        assertThat(composites.get("citizen")).doesNotContain("second-factor-required");
        assertThat(composites.get("partner")).doesNotContain("second-factor-required");
    }

    @Test
    void theBrowserAndDirectGrantFlowsAskAStaffRoleForAnOtpCode() throws Exception {
        JsonNode realm = realm();
        Map<String, JsonNode> flows = new HashMap<>();
        realm.path("authenticationFlows").forEach(f -> flows.put(f.path("alias").asString(), f));
        Map<String, String> conditionRole = new HashMap<>();
        realm.path("authenticatorConfig").forEach(c -> conditionRole.put(c.path("alias").asString(),
                c.path("config").path("condUserRole").asString()));

        assertThat(otpAuthenticatorsUnder(flows, realm.path("browserFlow").asString(), conditionRole)).containsExactly("auth-otp-form");
        assertThat(otpAuthenticatorsUnder(flows, realm.path("directGrantFlow").asString(), conditionRole))
                .containsExactly("direct-grant-validate-otp");
        assertThat(realm.path("otpPolicyCodeReusable").asBoolean(true)).isFalse();
    }

    /** The OTP authenticators reachable from {@code alias} in a sub-flow guarded by the staff role condition. */
    private static List<String> otpAuthenticatorsUnder(Map<String, JsonNode> flows, String alias, Map<String, String> conditionRole) {
        List<String> found = new ArrayList<>();
        JsonNode flow = flows.get(alias);
        assertThat(flow).as("flow " + alias).isNotNull();
        boolean guarded = false;
        for (JsonNode e : flow.path("authenticationExecutions")) {
            if ("conditional-user-role".equals(e.path("authenticator").asString())
                    && "second-factor-required".equals(conditionRole.get(e.path("authenticatorConfig").asString()))
                    && "REQUIRED".equals(e.path("requirement").asString())) {
                guarded = true;
            }
        }
        for (JsonNode e : flow.path("authenticationExecutions")) {
            if (e.path("authenticatorFlow").asBoolean()) {
                found.addAll(otpAuthenticatorsUnder(flows, e.path("flowAlias").asString(), conditionRole));
            } else if (guarded && e.path("authenticator").asString().contains("otp")
                    && "REQUIRED".equals(e.path("requirement").asString())) {
                found.add(e.path("authenticator").asString());
            }
        }
        return found;
    }

    @Test
    void theDevelopmentStaffUsersSecretsAreTheOnesCodesAreComputedFrom() throws Exception {
        Map<String, String> inRealm = new HashMap<>();
        for (JsonNode user : realm().path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                if ("otp".equals(credential.path("type").asString())) {
                    inRealm.put(user.path("username").asString(),
                            JSON.readTree(credential.path("secretData").asString()).path("value").asString());
                }
            }
        }
        assertThat(inRealm.keySet()).containsExactlyInAnyOrderElementsOf(DevSecondFactor.users());
        inRealm.forEach((user, secret) -> assertThat(DevSecondFactor.secret(user)).contains(secret));
    }

    @Test
    void codesAreSixDigitsAndChangeEveryThirtySeconds() {
        Instant t = Instant.parse("2026-12-07T00:00:00Z");
        assertThat(DevSecondFactor.code("staff", t)).matches("\\d{6}").isEqualTo(DevSecondFactor.code("staff", t.plusSeconds(29)));
        assertThat(DevSecondFactor.code("staff", t)).isNotEqualTo(DevSecondFactor.code("staff", t.plusSeconds(30)));
        assertThat(DevSecondFactor.code("staff", t)).isNotEqualTo(DevSecondFactor.code("staff2", t));
        assertThat(DevSecondFactor.otpauthUri("staff")).startsWith("otpauth://totp/kama:staff?secret=").doesNotContain("=&");
    }
}
