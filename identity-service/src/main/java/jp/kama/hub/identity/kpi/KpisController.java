package jp.kama.hub.identity.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jp.kama.hub.contracts.identity.api.KpisApi;
import jp.kama.hub.contracts.identity.model.IdentityKpis;
import jp.kama.hub.identity.card.CardProofLog;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /identity/kpis} for disaster staff and admins (the console's 計画指標 board). */
@RestController
class KpisController implements KpisApi {

    private final CardProofLog proofs;
    private final Clock clock;

    KpisController(CardProofLog proofs, Clock clock) {
        this.proofs = proofs;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<IdentityKpis> getIdentityKpis(Integer days) {
        Instant until = clock.instant();
        Instant since = until.minus(Duration.ofDays(days == null ? 30 : days));
        CardProofLog.Counts c = proofs.between(since, until);
        return ResponseEntity.ok(new IdentityKpis()
                .since(since.atOffset(ZoneOffset.UTC)).until(until.atOffset(ZoneOffset.UTC))
                .cardLogins(c.logins()).cardVerifications(c.terminalVerifications())
                .countingSince(c.countingSince() == null ? null : c.countingSince().atOffset(ZoneOffset.UTC)));
    }
}
