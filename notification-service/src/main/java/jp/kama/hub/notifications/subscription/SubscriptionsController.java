package jp.kama.hub.notifications.subscription;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jp.kama.hub.contracts.notifications.api.SubscriptionsApi;
import jp.kama.hub.contracts.notifications.model.District;
import jp.kama.hub.contracts.notifications.model.Language;
import jp.kama.hub.contracts.notifications.model.Subscription;
import jp.kama.hub.contracts.notifications.model.SubscriptionRequest;
import jp.kama.hub.contracts.notifications.model.Topic;
import jp.kama.hub.notifications.channel.ChannelGuards;
import jp.kama.hub.platform.web.problem.FieldProblem;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestController;

/** {@code /subscriptions/me}: a citizen's own subscription, found by the token subject only. */
@RestController
class SubscriptionsController implements SubscriptionsApi {

    private final Subscriptions subscriptions;
    private final ChannelGuards channels;
    private final Clock clock;

    SubscriptionsController(Subscriptions subscriptions, ChannelGuards channels, Clock clock) {
        this.subscriptions = subscriptions;
        this.channels = channels;
        this.clock = clock;
    }

    private static String me() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    @Override
    public ResponseEntity<Subscription> getMySubscription() {
        return subscriptions.find(me()).map(s -> ResponseEntity.ok(toContract(s)))
                .orElseThrow(() -> new ProblemException(Problem.status(HttpStatus.NOT_FOUND).detail("You have no subscription.")));
    }

    @Override
    public ResponseEntity<Subscription> putMySubscription(SubscriptionRequest r) {
        if (blank(r.getLineUserId()) && blank(r.getEmail()) && blank(r.getPhone())) {
            throw new ProblemException(Problem.status(HttpStatus.BAD_REQUEST).detail("The request body is invalid.")
                    .error("lineUserId", "at least one of lineUserId, email or phone is required"));
        }
        // An address on a channel this deployment cannot send on would never hear anything: refuse
        // it rather than store it with a warning a client may not show (the citizen believes they
        // are subscribed). The client drops the field, or uses another channel, and sends again.
        List<FieldProblem> off = new ArrayList<>();
        if (!blank(r.getEmail()) && !enabled("EMAIL")) {
            off.add(new FieldProblem("email", "channel EMAIL is not enabled in this deployment"));
        }
        if (!blank(r.getPhone()) && !enabled("SMS")) {
            off.add(new FieldProblem("phone", "channel SMS is not enabled in this deployment"));
        }
        if (!off.isEmpty()) {
            throw new ProblemException(Problem.status(HttpStatus.UNPROCESSABLE_CONTENT).title("Channel not enabled")
                    .detail("This deployment cannot send on every channel the subscription names.").errors(off));
        }
        Subscriptions.Subscription saved = subscriptions.save(new Subscriptions.Subscription(me(),
                r.getDistricts().stream().map(District::getValue).distinct().toList(),
                r.getTopics().stream().map(Topic::getValue).distinct().toList(),
                r.getLanguage().getValue(), emptyToNull(r.getLineUserId()), emptyToNull(r.getEmail()),
                emptyToNull(r.getPhone()), clock.instant()));
        return ResponseEntity.ok(toContract(saved));
    }

    @Override
    public ResponseEntity<Void> deleteMySubscription() {
        subscriptions.delete(me());
        return ResponseEntity.noContent().build();
    }

    private static Subscription toContract(Subscriptions.Subscription s) {
        return new Subscription()
                .districts(s.districts().stream().map(District::fromValue).toList())
                .topics(s.topics().stream().map(Topic::fromValue).toList())
                .language(Language.fromValue(s.language()))
                .lineUserId(s.lineUserId())
                .email(s.email())
                .phone(s.phone())
                .updatedAt(s.updatedAt().atOffset(ZoneOffset.UTC));
    }

    private boolean enabled(String channel) {
        return channels.named(channel).map(g -> g.channel().enabled()).orElse(false);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s;
    }
}
