package jp.kama.hub.notifications.conversation;

import java.net.http.HttpClient;
import java.util.UUID;

import jp.kama.hub.contracts.cases.client.ReportsApi;
import jp.kama.hub.contracts.cases.model.GeoPoint;
import jp.kama.hub.contracts.cases.model.NewReport;
import jp.kama.hub.contracts.cases.model.ReportAccepted;
import jp.kama.hub.contracts.cases.model.ReportCategory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * case-service as the LINE conversation calls it: {@code POST /reports} through the contract's
 * generated client ({@link ReportsApi}) with the conversation's {@code Idempotency-Key}, then
 * {@code POST /reports/{id}/photos}. It logs in with client credentials (Spring Security's
 * OAuth2 client; the token is fetched once and renewed when it expires), as a partner system:
 * case-service keeps the report as the partner's, and notification-service keeps which LINE user
 * made it ({@code line_report}). Every call and the token request have time-outs.
 */
@Component
@EnableConfigurationProperties(CaseServiceProperties.class)
class CaseReports {

    /** What case-service answered to a report. */
    sealed interface Answer {
    }

    /** Taken (201, or the earlier answer to the same key). */
    record Accepted(UUID reportId, UUID caseId) implements Answer {
    }

    /** Refused for good (4xx other than 401/403/408/429); {@code location} when the place is outside the city. */
    record Refused(int status, boolean location, String detail) implements Answer {
    }

    /** Not answered now (no answer, 5xx, 401/403/408/429): tried again later with the same key. */
    record Unavailable(String why) implements Answer {
    }

    private final CaseServiceProperties props;
    private final RestClient rest;
    private final ReportsApi reports;

    CaseReports(CaseServiceProperties props) {
        this.props = props;
        if (!props.enabled()) {
            this.rest = null;
            this.reports = null;
            return;
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(props.timeout()).build());
        requests.setReadTimeout(props.timeout());
        ClientRegistration registration = ClientRegistration.withRegistrationId("case-service")
                .clientId(props.clientId()).clientSecret(props.clientSecret())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(props.tokenUri())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        var tokenClient = new RestClientClientCredentialsTokenResponseClient();
        tokenClient.setRestClient(RestClient.builder().requestFactory(requests)
                .messageConverters(c -> {
                    c.clear();
                    c.add(new FormHttpMessageConverter());
                    c.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        var provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokenClient);
        var clients = new InMemoryOAuth2AuthorizedClientService(registrations);
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(provider);
        var oauth = new OAuth2ClientHttpRequestInterceptor(manager);
        oauth.setClientRegistrationIdResolver(request -> "case-service");
        // no user is logged in on the sender's thread: the service itself is the principal
        var self = new AnonymousAuthenticationToken("notification-service", "notification-service",
                AuthorityUtils.createAuthorityList("ROLE_SERVICE"));
        oauth.setPrincipalResolver(request -> self);
        oauth.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(clients));
        this.rest = RestClient.builder().baseUrl(props.url()).requestFactory(requests).requestInterceptor(oauth).build();
        this.reports = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(ReportsApi.class);
    }

    boolean enabled() {
        return props.enabled();
    }

    Answer submit(UUID key, String category, double latitude, double longitude, String address, String description) {
        NewReport report = new NewReport().category(ReportCategory.fromValue(category))
                .location(new GeoPoint().latitude(latitude).longitude(longitude))
                .addressText(address == null || address.isBlank() ? null : address)
                .description(description);
        try {
            ReportAccepted a = reports.submitReport(report, key.toString()).getBody();
            return new Accepted(a.getReportId(), a.getCaseId());
        } catch (HttpClientErrorException e) {
            int s = e.getStatusCode().value();
            if (s == 401 || s == 403 || s == 408 || s == 429) {
                return new Unavailable("case-service answered " + s);
            }
            String body = e.getResponseBodyAsString();
            return new Refused(s, s == 422 && body.contains("\"location\""), body.length() > 300 ? body.substring(0, 300) : body);
        } catch (HttpServerErrorException e) {
            return new Unavailable("case-service answered " + e.getStatusCode().value());
        } catch (ResourceAccessException | org.springframework.security.oauth2.client.ClientAuthorizationException e) {
            return new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Adds a photo to the report: true when taken, false when refused for good (not an image,
     * too large); throws {@link IllegalStateException} when case-service did not answer (tried again).
     */
    boolean addPhoto(UUID reportId, byte[] bytes) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "line-photo.jpg";
            }
        });
        try {
            rest.post().uri("/reports/{id}/photos", reportId).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                    .retrieve().toBodilessEntity();
            return true;
        } catch (HttpClientErrorException e) {
            int s = e.getStatusCode().value();
            if (s == 401 || s == 403 || s == 408 || s == 429) {
                throw new IllegalStateException("case-service answered " + s + " to a photo");
            }
            return false;
        } catch (HttpServerErrorException | ResourceAccessException e) {
            throw new IllegalStateException("case-service did not take the photo now: " + e.getMessage(), e);
        }
    }
}
