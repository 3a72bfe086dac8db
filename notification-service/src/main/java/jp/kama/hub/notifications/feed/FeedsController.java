package jp.kama.hub.notifications.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import jp.kama.hub.contracts.notifications.api.FeedsApi;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public feeds, readable without login: CAP 1.2 in Atom (each alert also as its own CAP
 * document), the national open-data CSV, and GeoJSON. Each answer carries a strong ETag (a hash of the body) and {@code Cache-Control:
 * public, max-age=30}; a matching {@code If-None-Match} gets 304 without a body. Every value
 * carries the time it was true (CAP {@code sent}, the CSV's 時点 column, GeoJSON {@code asOf}).
 */
@RestController
class FeedsController implements FeedsApi {

    static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

    private final ShelterStates shelters;
    private final CapEntries cap;
    private final JsonMapper json;
    private final Clock clock;
    private final FeedProperties props;

    FeedsController(ShelterStates shelters, CapEntries cap, JsonMapper json, Clock clock, FeedProperties props) {
        this.shelters = shelters;
        this.cap = cap;
        this.json = json;
        this.clock = clock;
        this.props = props;
    }

    @Override
    public ResponseEntity<String> getCapFeed(String ifNoneMatch) {
        return cached(FeedWriters.capAtom(cap.newest(100), clock.instant(), props), "application/atom+xml;charset=UTF-8",
                ifNoneMatch);
    }

    @Override
    public ResponseEntity<String> getCapAlert(UUID alertId, String ifNoneMatch) {
        return cap.find(alertId)
                .map(a -> cached(FeedWriters.capDocument(a, props), "application/cap+xml;charset=UTF-8", ifNoneMatch))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No CAP alert with this id."));
    }

    @Override
    public ResponseEntity<String> getSheltersCsv(String ifNoneMatch) {
        return cached(FeedWriters.sheltersCsv(shelters.all()), "text/csv;charset=UTF-8", ifNoneMatch);
    }

    @Override
    public ResponseEntity<String> getSheltersGeoJson(String ifNoneMatch) {
        return cached(FeedWriters.sheltersGeoJson(shelters.all(), json), "application/geo+json;charset=UTF-8", ifNoneMatch);
    }

    static ResponseEntity<String> cached(String body, String contentType, String ifNoneMatch) {
        String etag = "\"" + sha256(body) + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.equals("*") || ifNoneMatch.contains(etag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CACHE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).contentType(MediaType.parseMediaType(contentType)).body(body);
    }

    private static String sha256(String body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
