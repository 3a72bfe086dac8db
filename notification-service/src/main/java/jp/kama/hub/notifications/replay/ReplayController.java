package jp.kama.hub.notifications.replay;

import java.time.OffsetDateTime;

import jp.kama.hub.contracts.notifications.api.ReplayApi;
import jp.kama.hub.contracts.notifications.model.ConsoleReplay;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /console/replay} (roles checked in {@code config.SecurityConfiguration}). */
@RestController
class ReplayController implements ReplayApi {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @Override
    public ResponseEntity<ConsoleReplay> getConsoleReplay(OffsetDateTime from, OffsetDateTime to) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(replays.replay(from.toInstant(), to.toInstant()));
    }
}
