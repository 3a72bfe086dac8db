package jp.kama.hub.contracts.district;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kama City's four districts (地区), the former towns merged on 2006-03-27. The code
 * ({@link #name()}) is what the APIs, events, database rows and the outline GeoJSON
 * ({@code boundary/kama-city-districts.geojson}) carry; evacuation information is issued per
 * district, every shelter and every reported location lies in one, and citizens subscribe by them.
 *
 * <p>Hand-written rather than generated: the specs declare the district enum three times (one per
 * API), the event schemas sixteen times and the GeoJSON once; this is the one Java list, and
 * {@code DistrictContractTests} holds all of those to it.
 */
public enum District {
    /** 山田 (north-east). */
    YAMADA("山田", "やまだ", "Yamada"),
    /** 稲築 (west; the city hall). */
    INATSUKI("稲築", "いなつき", "Inatsuki"),
    /** 碓井 (south-west). */
    USUI("碓井", "うすい", "Usui"),
    /** 嘉穂 (south and south-east). */
    KAHO("嘉穂", "かほ", "Kaho");

    private static final List<String> CODES = Arrays.stream(values()).map(District::name).toList();

    private final String japaneseName;
    private final String reading;
    private final String englishName;

    District(String japaneseName, String reading, String englishName) {
        this.japaneseName = japaneseName;
        this.reading = reading;
        this.englishName = englishName;
    }

    /** The name in kanji, as the city writes it: {@code 山田}. */
    public String japaneseName() {
        return japaneseName;
    }

    /** The reading in hiragana ({@code やまだ}), for やさしい日本語 (easy Japanese) and furigana. */
    public String reading() {
        return reading;
    }

    /** The name in Latin letters: {@code Yamada}. */
    public String englishName() {
        return englishName;
    }

    /** Every code in declaration order: {@code [YAMADA, INATSUKI, USUI, KAHO]}. */
    public static List<String> codes() {
        return CODES;
    }

    /** Exactly by code ({@code YAMADA}), as the APIs and events carry it; anything else is empty. */
    public static Optional<District> ofCode(@Nullable String code) {
        return Arrays.stream(values()).filter(d -> d.name().equals(code)).findFirst();
    }

    /** By code in any case ({@code yamada}) or Japanese name ({@code 山田}), trimmed, as a CSV cell may give it. */
    public static Optional<District> parse(@Nullable String text) {
        String t = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(t) || d.japaneseName.equals(t)).findFirst();
    }
}
