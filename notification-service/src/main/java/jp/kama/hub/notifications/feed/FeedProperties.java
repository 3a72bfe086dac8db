package jp.kama.hub.notifications.feed;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.feeds.*}: where the public feeds are reachable and how long their CAP alerts hold.
 *
 * @param publicUrl the public base URL of the feeds (the gateway), for the absolute links
 *                  aggregators follow: each Atom entry's id and link, CAP {@code <web>} default
 * @param cap       the CAP alerts
 */
@ConfigurationProperties("kama.feeds")
public record FeedProperties(@DefaultValue("http://127.0.0.1:8080") URI publicUrl, @DefaultValue Cap cap) {

    /** The absolute URL of a path under the public base, e.g. {@code /feeds/cap.atom}. */
    public String url(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /**
     * @param web          CAP {@code <web>}: the page with more on the city's alerts (Google requires one)
     * @param contact      CAP {@code <contact>}, left out when blank (Google recommends one)
     * @param validity     how long each kind of alert holds from its {@code <sent>} ({@code <expires>})
     * @param renewBefore  an alert still in force is re-issued this long before it expires
     * @param renewInterval how often alerts due for renewal are looked for
     */
    public record Cap(@DefaultValue("https://city.kama.example/bousai/") String web,
                      @DefaultValue("") String contact,
                      @DefaultValue Validity validity,
                      @DefaultValue("1h") Duration renewBefore,
                      @DefaultValue("5m") Duration renewInterval) {
    }

    /**
     * @param evacuation evacuation information (警戒レベル 3–5 and its lifting); renewed while the level is in force
     * @param shelter    shelter opened / closed; an opening is renewed while the shelter stays open
     * @param alert      alerts drafted and approved by staff; not renewed (staff issue a new one)
     */
    public record Validity(@DefaultValue("24h") Duration evacuation,
                           @DefaultValue("24h") Duration shelter,
                           @DefaultValue("24h") Duration alert) {

        Duration of(String kind) {
            return switch (kind) {
                case "EVACUATION" -> evacuation;
                case "SHELTER_OPENED", "SHELTER_CLOSED" -> shelter;
                default -> alert;
            };
        }
    }
}
