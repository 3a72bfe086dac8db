package jp.kama.hub.identity.card;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.identity.pkix.CardRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The card login page the authorization endpoint sends a browser to. It shows a one-time
 * challenge; the card (the national card reader app in production, the dev-card CLI or a test
 * client here) signs it, and the page posts the certificate and the signature back. On success
 * the person is signed in by pseudonym, the session id changes, and the browser goes back to the
 * authorization request that sent it here, which then hands Keycloak its code.
 */
@Controller
public class CardLogin {

    /** Where the authorization endpoint sends a browser that has not signed in with a card. */
    public static final String PATH = "/card/login";

    private static final Logger log = LoggerFactory.getLogger(CardLogin.class);
    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final CardAuthenticator cards;
    private final CardProofLog proofs;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache requests = new HttpSessionRequestCache();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    CardLogin(CardAuthenticator cards, CardProofLog proofs) {
        this.cards = cards;
        this.proofs = proofs;
    }

    @GetMapping(PATH)
    ResponseEntity<String> page(CsrfToken csrf) {
        return page(HttpStatus.OK, csrf, null);
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> signIn(@RequestParam(required = false) String challengeId,
            @RequestParam(required = false) String certificate, @RequestParam(required = false) String signature,
            CsrfToken csrf, HttpServletRequest request, HttpServletResponse response) {
        if (challengeId == null || certificate == null || signature == null || certificate.isBlank()
                || signature.isBlank()) {
            return page(HttpStatus.BAD_REQUEST, csrf, "Give the challenge, the card's certificate and its signature.");
        }
        CardAuthenticator.CardHolder holderOfCard;
        try {
            holderOfCard = cards.authenticate(parseId(challengeId), certificate, signature);
        }
        catch (CardRefused refused) {
            log.info("Card login refused: {}", refused.reason());
            return page(HttpStatus.UNAUTHORIZED, csrf, refused.getMessage());
        }
        proofs.recorded(CardProofLog.Via.LOGIN, holderOfCard.verifiedAt());
        request.changeSessionId();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new CardAuthentication(holderOfCard.personRef(), holderOfCard.verifiedAt()));
        holder.setContext(context);
        contexts.saveContext(context, request, response);

        SavedRequest saved = requests.getRequest(request, response);
        if (saved == null) {
            return ResponseEntity.ok().contentType(HTML_UTF8).cacheControl(CacheControl.noStore())
                .body(html("Signed in", "<p>You are signed in with your My Number card. You may close this page.</p>"));
        }
        requests.removeRequest(request, response);
        return ResponseEntity.status(HttpStatus.FOUND).header("Location", saved.getRedirectUrl()).build();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw new CardRefused(CardRefused.Reason.CHALLENGE_UNKNOWN_OR_USED, ex);
        }
    }

    private ResponseEntity<String> page(HttpStatus status, CsrfToken csrf, String error) {
        Challenges.Issued challenge = cards.challenges().issue();
        String body = """
                %s
                <p lang="ja">マイナンバーカードをカードリーダーに置き、利用者証明用電子証明書の暗証番号（4桁）で、次の文字列に署名してください。</p>
                <p>Sign this challenge with your card (user-authentication certificate, 4-digit PIN).
                It is valid until %s and can be used once.</p>
                <form method="post" action="%s">
                <input type="hidden" name="%s" value="%s">
                <input type="hidden" name="challengeId" value="%s">
                <p><label>Challenge <input id="challenge" readonly size="70" value="%s"></label></p>
                <p><label>Certificate (Base64 or PEM)<br><textarea name="certificate" rows="6" cols="70"></textarea></label></p>
                <p><label>Signature (Base64)<br><textarea name="signature" rows="4" cols="70"></textarea></label></p>
                <p><button type="submit">Log in with My Number card</button></p>
                </form>
                <p><small>Development: <code>DevCardCli sign CARD.p12 '&lt;challenge&gt;'</code> and
                <code>DevCardCli certificate CARD.p12</code> print the two values (see docs/identity.md).</small></p>
                """.formatted(error == null ? "" : "<p role=\"alert\" class=\"error\">" + HtmlUtils.htmlEscape(error) + "</p>",
                challenge.expiresAt(), PATH, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()),
                challenge.id(), HtmlUtils.htmlEscape(challenge.text()));
        return ResponseEntity.status(status).contentType(HTML_UTF8).cacheControl(CacheControl.noStore())
            .body(html("Log in with My Number card", body));
    }

    private static String html(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s</title></head>
                <body>
                <h1>%s (マイナンバーカードでログイン)</h1>
                %s
                </body>
                </html>
                """.formatted(title, title, body);
    }

}
