package jp.kama.hub.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is counted against which limit, and what a refusal says; on a clock the test moves, so no
 * figure depends on how fast the machine is.
 */
class RateLimitsTests {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aPartnerIsCountedByItsClientIdAndAPersonByTheTokenSubject() {
        assertThat(Caller.of(token("service-account-utility", "partner", Map.of("azp", "utility-co"))))
                .contains(new Caller(Caller.Kind.PARTNER, "utility-co"));
        assertThat(Caller.of(token("c-42", "citizen", Map.of("azp", "kama-console"))))
                .contains(new Caller(Caller.Kind.CITIZEN, "c-42"));
        assertThat(Caller.of(token("c-43", null, Map.of())))
                .as("a token without a role is counted as a person").contains(new Caller(Caller.Kind.CITIZEN, "c-43"));
    }

    @Test
    void staffAndAdminsHaveNoPerCallerLimit() {
        for (String role : List.of("disaster-staff", "department-staff", "shelter-staff", "admin")) {
            assertThat(Caller.of(token("s-1", role, Map.of()))).as(role).isEmpty();
        }
    }

    @Test
    void onePartnersBurstDoesNotLimitAnother() {
        RateLimits limits = limits(new RateLimitProperties.Limit(3, Duration.ofSeconds(1)), off(), off());
        Caller flooding = new Caller(Caller.Kind.PARTNER, "flooding");
        Caller calm = new Caller(Caller.Kind.PARTNER, "calm");

        for (int i = 0; i < 3; i++) {
            assertThat(limits.check(flooding, HttpMethod.GET, path("/api/cases"))).isNull();
        }
        assertThat(limits.check(flooding, HttpMethod.GET, path("/api/cases"))).isNotNull()
                .satisfies(refusal -> assertThat(refusal.limit()).isEqualTo("partner"));
        assertThat(limits.check(calm, HttpMethod.GET, path("/api/cases"))).isNull();
    }

    @Test
    void aRefusalSaysHowLongUntilTheNextPeriodAndCostsNoFuturePermit() {
        RateLimits limits = limits(off(), new RateLimitProperties.Limit(2, Duration.ofMinutes(1)), off());
        Caller citizen = new Caller(Caller.Kind.CITIZEN, "c-1");
        limits.check(citizen, HttpMethod.GET, path("/api/cases"));
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        limits.check(citizen, HttpMethod.GET, path("/api/cases"));

        for (int i = 0; i < 5; i++) {
            RateLimits.Refusal refusal = limits.check(citizen, HttpMethod.GET, path("/api/cases"));
            assertThat(refusal).isNotNull();
            assertThat(refusal.limit()).isEqualTo("citizen");
            assertThat(refusal.permits()).isEqualTo(2);
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        }

        nanos.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThat(limits.check(citizen, HttpMethod.GET, path("/api/cases"))).as("the refusals took nothing").isNull();
        assertThat(limits.check(citizen, HttpMethod.GET, path("/api/cases"))).isNull();
        assertThat(limits.check(citizen, HttpMethod.GET, path("/api/cases"))).isNotNull();
    }

    @Test
    void theAdmissionLimitCountsNewReportsFromEveryoneAndNothingElse() {
        RateLimits limits = limits(off(), off(), new RateLimitProperties.Limit(2, Duration.ofSeconds(1)));

        assertThat(limits.check(null, HttpMethod.POST, path("/api/reports"))).isNull();
        assertThat(limits.check(new Caller(Caller.Kind.CITIZEN, "c-1"), HttpMethod.POST, path("/open311/v2/requests.json"))).isNull();
        RateLimits.Refusal refusal = limits.check(new Caller(Caller.Kind.PARTNER, "p"), HttpMethod.POST, path("/api/reports"));
        assertThat(refusal).isNotNull();
        assertThat(refusal.limit()).isEqualTo(RateLimits.ADMISSION);
        assertThat(refusal.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));

        assertThat(limits.check(null, HttpMethod.GET, path("/api/reports"))).as("a read files nothing").isNull();
        assertThat(limits.check(null, HttpMethod.POST, path("/api/reports/r-1/photos"))).as("a photo is no new report").isNull();
        assertThat(limits.check(null, HttpMethod.POST, path("/api/cases/c-1/transitions"))).isNull();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limits.check(null, HttpMethod.POST, path("/api/reports"))).isNull();
    }

    @Test
    void aCallerOverItsOwnLimitUsesNoAdmissionPermit() {
        RateLimits limits = limits(new RateLimitProperties.Limit(1, Duration.ofMinutes(1)), off(),
                new RateLimitProperties.Limit(2, Duration.ofMinutes(1)));
        Caller flooding = new Caller(Caller.Kind.PARTNER, "flooding");

        assertThat(limits.check(flooding, HttpMethod.POST, path("/api/reports"))).isNull();
        for (int i = 0; i < 10; i++) {
            assertThat(limits.check(flooding, HttpMethod.POST, path("/api/reports")).limit()).isEqualTo("partner");
        }
        assertThat(limits.check(new Caller(Caller.Kind.PARTNER, "other"), HttpMethod.POST, path("/api/reports")))
                .as("the second admission permit is still there").isNull();
    }

    @Test
    void aLimitOfZeroAndTheMainSwitchTurnLimitsOff() {
        RateLimits none = limits(off(), off(), off());
        RateLimits disabled = new RateLimits(new RateLimitProperties(false, new RateLimitProperties.Limit(1, Duration.ofMinutes(1)),
                new RateLimitProperties.Limit(1, Duration.ofMinutes(1)),
                new RateLimitProperties.Admission(1, Duration.ofMinutes(1), List.of("/api/reports"))), nanos::get);
        Caller partner = new Caller(Caller.Kind.PARTNER, "p");
        for (int i = 0; i < 50; i++) {
            assertThat(none.check(partner, HttpMethod.POST, path("/api/reports"))).isNull();
            assertThat(disabled.check(partner, HttpMethod.POST, path("/api/reports"))).isNull();
        }
    }

    private RateLimits limits(RateLimitProperties.Limit partner, RateLimitProperties.Limit citizen,
            RateLimitProperties.Limit admission) {
        return new RateLimits(new RateLimitProperties(true, partner, citizen,
                new RateLimitProperties.Admission(admission.limit(), admission.period(),
                        List.of("/api/reports", "/open311/v2/requests.json"))), nanos::get);
    }

    private static RateLimitProperties.Limit off() {
        return new RateLimitProperties.Limit(0, Duration.ofSeconds(1));
    }

    private static PathContainer path(String path) {
        return PathContainer.parsePath(path);
    }

    static Jwt token(String subject, String realmRole, Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claims(c -> c.putAll(claims));
        if (realmRole != null) {
            jwt.claim("realm_access", Map.of("roles", List.of(realmRole)));
        }
        return jwt.build();
    }
}
