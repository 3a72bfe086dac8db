package jp.kama.hub.cases.open311;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The local stack's Open311 key, for trying Open311 without an admin token first: if
 * {@code kama.cases.open311.dev-api-key} is set, that key is stored at start for partner
 * {@code kama.cases.open311.dev-partner-id} (Keycloak's demo partner client). It is empty by
 * default, so a production deployment has no such key unless someone configures one.
 */
@Component
class DevelopmentPartnerKey {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentPartnerKey.class);

    private final PartnerKeys keys;
    private final String apiKey;
    private final String partnerId;

    DevelopmentPartnerKey(PartnerKeys keys, @Value("${kama.cases.open311.dev-api-key:}") String apiKey,
                          @Value("${kama.cases.open311.dev-partner-id:partner-demo}") String partnerId) {
        this.keys = keys;
        this.apiKey = apiKey;
        this.partnerId = partnerId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void issue() {
        if (apiKey.isBlank()) {
            return;
        }
        keys.ensure(apiKey, partnerId, "development key (local stack only)", "configuration");
        log.warn("Open311: development api_key configured for partner {} (kama.cases.open311.dev-api-key); never set it in production",
                partnerId);
    }
}
