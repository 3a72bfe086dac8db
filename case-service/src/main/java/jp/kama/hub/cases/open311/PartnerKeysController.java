package jp.kama.hub.cases.open311;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.cases.access.CurrentCaller;
import jp.kama.hub.contracts.cases.api.PartnerKeysApi;
import jp.kama.hub.contracts.cases.model.IssuedPartnerKey;
import jp.kama.hub.contracts.cases.model.NewPartnerKey;
import jp.kama.hub.contracts.cases.model.PartnerKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;

/** {@code /partner-keys}: admins issue, list and revoke partners' Open311 keys (the role rule is in {@code config}). */
@RestController
class PartnerKeysController implements PartnerKeysApi {

    private final PartnerKeys keys;

    PartnerKeysController(PartnerKeys keys) {
        this.keys = keys;
    }

    @Override
    public ResponseEntity<IssuedPartnerKey> issuePartnerKey(NewPartnerKey request) {
        PartnerKeys.Issued issued = keys.issue(request.getPartnerId(), request.getPartnerName(), CurrentCaller.get().subject());
        PartnerKeys.PartnerKey k = issued.key();
        return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedPartnerKey()
                .keyId(k.id()).partnerId(k.partnerId()).partnerName(k.partnerName()).createdAt(utc(k.createdAt()))
                .apiKey(issued.apiKey()));
    }

    @Override
    public ResponseEntity<List<PartnerKey>> listPartnerKeys() {
        return ResponseEntity.ok(keys.all().stream().map(k -> new PartnerKey()
                .keyId(k.id()).partnerId(k.partnerId()).partnerName(k.partnerName()).createdAt(utc(k.createdAt()))
                .revokedAt(k.revokedAt() == null ? null : utc(k.revokedAt()))).toList());
    }

    @Override
    public ResponseEntity<Void> revokePartnerKey(UUID keyId) {
        if (!keys.revoke(keyId)) {
            throw new KeyNotFoundException(keyId);
        }
        return ResponseEntity.noContent().build();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    static class KeyNotFoundException extends ErrorResponseException {
        KeyNotFoundException(UUID id) {
            super(HttpStatus.NOT_FOUND);
            getBody().setTitle("Partner key not found");
            getBody().setDetail("There is no partner key " + id + ".");
        }
    }
}
