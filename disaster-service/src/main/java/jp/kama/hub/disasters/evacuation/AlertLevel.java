package jp.kama.hub.disasters.evacuation;

import java.util.Arrays;
import java.util.Optional;

/**
 * The evacuation information a municipality issues, by 警戒レベル, with the names in force
 * since the 2021-05-20 amendment of 災害対策基本法 (避難勧告 was abolished and merged into
 * 避難指示). Levels 1 and 2 are the weather agency's, not evacuation information.
 */
public enum AlertLevel {
    LEVEL_3(3, "高齢者等避難"),
    LEVEL_4(4, "避難指示"),
    LEVEL_5(5, "緊急安全確保");

    private final int number;
    private final String japaneseName;

    AlertLevel(int number, String japaneseName) {
        this.number = number;
        this.japaneseName = japaneseName;
    }

    public int number() {
        return number;
    }

    public String japaneseName() {
        return japaneseName;
    }

    /** Empty for null (no evacuation information: lifted). */
    public static Optional<AlertLevel> of(Integer number) {
        if (number == null) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(values()).filter(l -> l.number == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("警戒レベル must be 3, 4 or 5")));
    }
}
