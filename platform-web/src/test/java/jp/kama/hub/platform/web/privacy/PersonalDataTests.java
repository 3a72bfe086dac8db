package jp.kama.hub.platform.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTests {

    @Test
    void myNumbersPhoneNumbersAndEmailAddressesAreMasked() {
        assertThat(PersonalData.mask("id 123456789018 is not a UUID")).isEqualTo("id *** is not a UUID");
        assertThat(PersonalData.mask("call 090-1234-5678 now")).isEqualTo("call *** now");
        assertThat(PersonalData.mask("call 09012345678")).isEqualTo("call ***");
        assertThat(PersonalData.mask("+81-90-1234-5678")).isEqualTo("***");
        assertThat(PersonalData.mask("+81 90 1234 5678 / 0948-42-1111")).isEqualTo("*** / ***");
        assertThat(PersonalData.mask("０９０－１２３４－５６７８")).isEqualTo("***");
        assertThat(PersonalData.mask("mail canary-0000001q@kama.invalid please")).isEqualTo("mail *** please");
        assertThat(PersonalData.mask("１２３４　５６７８　９０１８")).isEqualTo("***");
    }

    @Test
    void otherTextStays() {
        for (String s : new String[] {"2026-12-07T09:00:00Z", "550e8400-e29b-41d4-a716-446655440000", "SAMPLE-YAMADA-01",
                "latitude must be between 33.4 and 33.7", "123456789017", "version 3 of 12", "", "page 0000 of 1",
                "no alert 6f1c2a4e-0000-4000-8000-000000000000", "/cases/00000000-0000-4000-8000-123456789018"}) {
            assertThat(PersonalData.mask(s)).isEqualTo(s);
        }
        assertThat(PersonalData.mask(null)).isNull();
    }

    @Test
    void aPathKeepsItsShapeWithTheSegmentsThatHoldPersonalDataMasked() {
        assertThat(PersonalData.maskPath("/api/cases/090-1234-5678/history")).isEqualTo("/api/cases/***/history");
        assertThat(PersonalData.maskPath("/api/cases/canary-0000001q%40kama.invalid/history")).isEqualTo("/api/cases/***/history");
        assertThat(PersonalData.maskPath("/api/cases/%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98%EF%BC%99%EF%BC%90%EF%BC%91%EF%BC%98"))
                .isEqualTo("/api/cases/***");
        assertThat(PersonalData.maskPath("/api/cases/1234%205678%209018")).isEqualTo("/api/cases/***");
        assertThat(PersonalData.maskPath("/api/cases/550e8400-e29b-41d4-a716-446655440000")).isEqualTo("/api/cases/550e8400-e29b-41d4-a716-446655440000");
        assertThat(PersonalData.maskPath("/api/cases/%zz")).isEqualTo("/api/cases/%zz");
    }
}
