package jp.kama.hub.disasters.resident;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.kama.hub.contracts.core.resident.client.ResidentsApi;
import jp.kama.hub.contracts.core.resident.model.HouseholdMember;
import jp.kama.hub.contracts.core.resident.model.Resident;
import jp.kama.hub.contracts.core.resident.model.ResidentSearchResult;
import jp.kama.hub.disasters.resident.CoreSystemGuard.CoreSystemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The resident record system (住民記録) as disaster-service asks it: the HTTP-interface client
 * generated from {@code core-resident-api.yaml}, behind a {@link CoreSystemGuard}. Each method
 * answers a {@link ResidentLookup}, within {@code kama.core.resident.time-limit} whatever the core
 * system does. Every read is audited on logger {@value #AUDIT_LOGGER} (宛名番号 or "search",
 * purpose, outcome; never a name or an address).
 */
@Component
@EnableConfigurationProperties(ResidentRecordProperties.class)
public class ResidentRecords {

    public static final String AUDIT_LOGGER = "jp.kama.hub.disasters.audit";
    static final String SYSTEM = "The resident record system (住民記録)";

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final Logger log = LoggerFactory.getLogger(ResidentRecords.class);
    private static final Pattern ATENA = Pattern.compile("^[0-9]{1,15}$");

    private final ResidentsApi api;
    private final CoreSystemGuard guard;

    ResidentRecords(ResidentRecordProperties props) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(props.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(props.attemptTimeout());
        RestClient rest = RestClient.builder().baseUrl(props.url()).requestFactory(requests).build();
        this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(ResidentsApi.class);
        this.guard = new CoreSystemGuard(SYSTEM, props);
    }

    /**
     * The record of one 宛名番号: {@code Found}, {@code NotFound} or {@code Unavailable}.
     *
     * @param purpose why it is read, for the audit trail (e.g. {@code ledger:disaster-2026-07})
     * @throws IllegalArgumentException when {@code atenaNumber} is not 1 to 15 digits
     */
    public ResidentLookup lookup(String atenaNumber, String purpose) {
        if (atenaNumber == null || !ATENA.matcher(atenaNumber).matches()) {
            throw new IllegalArgumentException("a 宛名番号 is 1 to 15 digits");
        }
        ResidentLookup answer = guarded(() -> attempt(() -> {
            try {
                return Optional.ofNullable(api.getResident(atenaNumber).getBody());
            } catch (HttpClientErrorException.NotFound e) {
                return Optional.<Resident>empty();
            }
        }).<ResidentLookup>map(r -> new ResidentLookup.Found(record(r)))
                .orElseGet(() -> new ResidentLookup.NotFound(atenaNumber)));
        audit.info("resident-record read atena={} purpose={} outcome={}", atenaNumber, purpose, outcome(answer));
        return answer;
    }

    /**
     * Residents by name (kanji or kana), date of birth and part of the address: {@code Matches}
     * or {@code Unavailable}.
     *
     * @throws IllegalArgumentException when a parameter is missing or too long (the contract's limits)
     */
    public ResidentLookup search(String name, LocalDate birthDate, String address, String purpose) {
        if (name == null || name.isBlank() || name.length() > 100 || address == null || address.isBlank()
                || address.length() > 200 || birthDate == null) {
            throw new IllegalArgumentException("a search needs a name (1-100), a birth date and part of the address (1-200)");
        }
        ResidentLookup answer = guarded(() -> {
            ResidentSearchResult r = attempt(() -> api.searchResidents(name, birthDate, address).getBody());
            return new ResidentLookup.Matches(r == null ? List.of() : r.getResidents().stream().map(ResidentRecords::record).toList());
        });
        audit.info("resident-record search purpose={} outcome={}", purpose, outcome(answer));
        return answer;
    }

    /** Through the guard; a request the core system refuses (4xx) is the caller's mistake. */
    private ResidentLookup guarded(java.util.function.Supplier<ResidentLookup> call) {
        try {
            ResidentLookup answer = guard.call(call, u -> u);
            if (answer instanceof ResidentLookup.Unavailable u) {
                log.warn("{}", u.message());
            }
            return answer;
        } catch (CoreSystemException refused) {
            throw new IllegalArgumentException(SYSTEM + " refused the request: " + refused.getMessage(), refused);
        }
    }

    /** Stops the guard's call threads with the application. */
    @jakarta.annotation.PreDestroy
    void close() {
        guard.close();
    }

    /** The circuit breaker's state, for health and tests. */
    public String breakerState() {
        return guard.breakerState().name();
    }

    CoreSystemGuard guard() {
        return guard;
    }

    /** Translates the HTTP client's exceptions into the guard's: 5xx and I/O are transient, 4xx not. */
    private static <T> T attempt(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpServerErrorException e) {
            throw new CoreSystemException("HTTP " + e.getStatusCode().value(), true, retryAfter(e), e);
        } catch (HttpClientErrorException e) {
            throw new CoreSystemException("HTTP " + e.getStatusCode().value() + " (request refused)", false, null, e);
        } catch (RestClientResponseException e) {
            throw new CoreSystemException("HTTP " + e.getStatusCode().value(), true, retryAfter(e), e);
        } catch (ResourceAccessException e) {
            throw new CoreSystemException(e.getCause() instanceof java.net.http.HttpTimeoutException
                    ? "no answer within the attempt timeout"
                    : "not reachable: " + (e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName()),
                    true, null, e);
        } catch (org.springframework.web.client.RestClientException e) {
            // e.g. the body could not be read to the end in time ("Error while extracting response")
            throw new CoreSystemException("answer not readable: "
                    + (e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName()), true, null, e);
        }
    }

    private static @Nullable Duration retryAfter(RestClientResponseException e) {
        String value = e.getResponseHeaders() == null ? null : e.getResponseHeaders().getFirst("Retry-After");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private static String outcome(ResidentLookup answer) {
        return switch (answer) {
            case ResidentLookup.Found f -> "found";
            case ResidentLookup.Matches m -> "matches:" + m.residents().size();
            case ResidentLookup.NotFound n -> "not-found";
            case ResidentLookup.Unavailable u -> "unavailable:" + u.reason();
        };
    }

    static ResidentRecord record(Resident r) {
        return new ResidentRecord(r.getAtenaNumber(), r.getHouseholdNumber(), r.getNameKanji(), r.getNameKana(),
                r.getBirthDate(), r.getSex().getValue(), r.getAddress().getFullAddress(), r.getAddress().getTown(),
                r.getAddress().getDistrict().getValue(), r.getStatus().getValue(), r.getRemovedOn(),
                r.getHouseholdMembers().stream().map(ResidentRecords::member).toList(), Boolean.TRUE.equals(r.getSample()));
    }

    private static ResidentRecord.Member member(HouseholdMember m) {
        return new ResidentRecord.Member(m.getAtenaNumber(), m.getNameKanji(), m.getNameKana(), m.getBirthDate(),
                m.getSex().getValue(), Boolean.TRUE.equals(m.getHouseholdHead()), m.getRelationship(), m.getStatus().getValue());
    }
}
