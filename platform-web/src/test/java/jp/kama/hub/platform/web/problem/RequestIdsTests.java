package jp.kama.hub.platform.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTests {

    @Test
    void anIdThatLooksLikeOneIsKept() {
        for (String id : new String[] {"console-7f3a.42", "r-1", "01J9ZQ3K6Y8V2W4X5A7B9C1D3E", "trace:2026-12-07", UUID.randomUUID().toString(),
                "123e4567-e89b-12d3-a456-4266141740ab", "550e8400-e29b-41d4-a716-446655440000"}) {
            assertThat(RequestIds.acceptOrCreate(id)).isEqualTo(id);
        }
    }

    @Test
    void anIdThatCouldBeAMyNumberOrAPhoneNumberIsReplaced() {
        for (String id : new String[] {"123456789018", "1234-5678-9018", "090-1234-5678", "09012345678", "req-123456789018",
                "81.90.1234.5678"}) {
            String accepted = RequestIds.acceptOrCreate(id);
            assertThat(accepted).isNotEqualTo(id);
            assertThat(UUID.fromString(accepted)).isNotNull();
        }
    }

    @Test
    void anIdWithOtherCharactersIsReplaced() {
        assertThat(RequestIds.acceptOrCreate("canary-1@kama.invalid")).isNotEqualTo("canary-1@kama.invalid");
        assertThat(RequestIds.acceptOrCreate("a\r\nb")).isNotEqualTo("a\r\nb");
        assertThat(RequestIds.acceptOrCreate(null)).isNotNull();
    }
}
