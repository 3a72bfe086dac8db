package jp.kama.hub.cases;

/** Report bodies for tests (Object Mother). */
public final class ReportMother {

    /** A citizen's landslide report in 山田 with contact details (personal data). */
    public static final String VALID_REPORT = """
            {"category":"LANDSLIDE","location":{"latitude":33.5636,"longitude":130.6889},
             "addressText":"山田 1-2","description":"裏山の斜面が崩れて道をふさいでいる",
             "reporterContact":{"name":"嘉麻 花子","phone":"0948-42-0000","consentToContact":true}}""";

    private ReportMother() {
    }
}
