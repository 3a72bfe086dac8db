package jp.kama.hub.identity.card;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The card login page. Until the card flow is built it refuses every sign-in with 503, so the
 * authorization endpoint can never hand out a code for a made-up user.
 */
@Controller
public class CardLogin {

    /** Where the authorization endpoint sends a browser that has not signed in with a card. */
    public static final String PATH = "/card/login";

    static final String NOT_AVAILABLE = "My Number card login is not available yet in this build";

    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>My Number card login unavailable</title>
            </head>
            <body>
            <h1>%s</h1>
            <p lang="ja">マイナンバーカードによるログインは、このビルドではまだ利用できません。</p>
            <p>No sign-in was made. Please use another way to reach Kama City services for now.</p>
            </body>
            </html>
            """.formatted(NOT_AVAILABLE);

    @GetMapping(PATH)
    ResponseEntity<String> cardLogin() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .contentType(HTML_UTF8)
            .cacheControl(CacheControl.noStore())
            .body(PAGE);
    }

}
