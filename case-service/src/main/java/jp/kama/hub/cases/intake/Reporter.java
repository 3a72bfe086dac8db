package jp.kama.hub.cases.intake;

import java.util.Objects;

import jp.kama.hub.cases.casefile.Channel;

/** Who sent a report: the token subject and the kind of caller. */
record Reporter(String subject, Channel channel) {
    Reporter {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(channel, "channel");
    }
}
