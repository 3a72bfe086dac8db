package jp.kama.hub.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.kama.hub.contracts.district.District;
import org.junit.jupiter.api.Test;

/**
 * The console is plain JavaScript and cannot import the contracts' district list, so it states the
 * codes and their labels again. These copies must say what contracts' {@link District} says (the
 * one source): a district added, renamed or relabelled there fails here until the console follows.
 */
class ConsoleDistrictsTests {

    private static final List<String> CODES = District.codes();

    @Test
    void theBoardsListTheContractsDistrictsInTheirOrder() throws IOException {
        Matcher m = Pattern.compile("export const DISTRICTS = \\[([^]]*)]").matcher(read("static/console/boards/common.js"));
        assertThat(m.find()).as("DISTRICTS in boards/common.js").isTrue();
        assertThat(quoted(m.group(1))).isEqualTo(CODES);
    }

    @Test
    void theLabelsAreTheContractsNamesInJapaneseAndEnglish() throws IOException {
        String i18n = read("static/console/i18n.js");
        Matcher m = Pattern.compile("district: \\{([^}]*)}").matcher(i18n);
        assertThat(m.find()).as("the district labels in i18n.js").isTrue();
        List<String> expected = Arrays.stream(District.values())
                .map(d -> d.name() + ": ['" + d.japaneseName() + "', '" + d.englishName() + "']").toList();
        assertThat(Arrays.stream(m.group(1).split(",\\s*(?=[A-Z]+:)")).map(String::strip).toList()).isEqualTo(expected);
        for (District d : District.values()) {
            assertThat(i18n).as("the console's district%s label", d.name())
                    .contains("district" + d.name() + ": ['" + d.japaneseName() + "', '" + d.englishName() + "']");
        }
    }

    private static List<String> quoted(String list) {
        List<String> out = new ArrayList<>();
        Matcher q = Pattern.compile("'([^']*)'").matcher(list);
        while (q.find()) {
            out.add(q.group(1));
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ConsoleDistrictsTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
