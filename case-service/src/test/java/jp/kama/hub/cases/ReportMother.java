package jp.kama.hub.cases;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Report bodies for tests (Object Mother). */
public final class ReportMother {

    /** A citizen's landslide report in 稲築 with contact details (personal data). */
    public static final String VALID_REPORT = """
            {"category":"LANDSLIDE","location":{"latitude":33.5636,"longitude":130.6889},
             "addressText":"山田 1-2","description":"裏山の斜面が崩れて道をふさいでいる",
             "reporterContact":{"name":"嘉麻 花子","phone":"0948-42-0000","consentToContact":true}}""";

    private static final AtomicInteger NEXT_PLACE = new AtomicInteger();

    private ReportMother() {
    }

    /**
     * A place in the city at least 180 m from every other place this method gave (a grid of
     * 0.002°), so tests never merge by accident, even with reports up to 70 m off a place.
     */
    public static double[] newPlace() {
        int n = NEXT_PLACE.getAndIncrement();
        if (n >= 1000) {
            throw new IllegalStateException("out of test places");
        }
        return new double[] {33.500 + (n / 25) * 0.002, 130.700 + (n % 25) * 0.002};
    }

    /** A report with contact details at the given place. */
    public static String report(String category, double latitude, double longitude) {
        return String.format(Locale.ROOT, """
                {"category":"%s","location":{"latitude":%.6f,"longitude":%.6f},
                 "addressText":"嘉麻市 1-2","description":"道路に土砂が流れ込んでいる",
                 "reporterContact":{"name":"嘉麻 太郎","phone":"0948-42-1111","consentToContact":true}}""",
                category, latitude, longitude);
    }

    /** A report at a new place of its own. */
    public static String reportAtNewPlace(String category) {
        double[] p = newPlace();
        return report(category, p[0], p[1]);
    }
}
