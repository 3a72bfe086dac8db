package jp.kama.hub.disasters.district;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kama City's four districts, the former towns merged on 2006-03-27. Evacuation information
 * is issued per district, and every shelter lies in one.
 */
public enum District {
    YAMADA("山田"),
    INATSUKI("稲築"),
    USUI("碓井"),
    KAHO("嘉穂");

    private final String japaneseName;

    District(String japaneseName) {
        this.japaneseName = japaneseName;
    }

    public String japaneseName() {
        return japaneseName;
    }

    /** By code ({@code YAMADA}) or Japanese name ({@code 山田}), as a CSV cell may give it. */
    public static Optional<District> parse(String text) {
        String t = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(t) || d.japaneseName.equals(t)).findFirst();
    }
}
