package jp.kama.hub.notifications.channel.lalert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * L-Alert (災害情報共有システム): each batch is one EDXL-DE document (its body, written by
 * {@code lalert.LAlertDocuments}), POSTed as {@code application/xml} to {@code kama.lalert.url}
 * with the batch id as {@code Idempotency-Key}; the same id is the document's
 * {@code edxlde:distributionID}. 200, 201 or 202 = accepted; 409 = this distributionID was
 * accepted before (an earlier attempt got through): delivered, not sent again. A publication,
 * not a subscriber channel: it has no addresses of citizens ({@link #toSubscribers()}).
 */
final class LAlertChannel implements Channel {

    static final String NAME = "LALERT";

    private final LAlertProperties props;
    private final HttpClient http;

    LAlertChannel(LAlertProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return props.enabled();
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public boolean toSubscribers() {
        return false;
    }

    @Override
    public SendResult send(OutgoingBatch batch, List<String> receivers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(props.url()))
                .timeout(props.timeout())
                .header("Content-Type", "application/xml; charset=UTF-8")
                .header("Idempotency-Key", batch.batchId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(batch.body(), StandardCharsets.UTF_8));
        if (props.apiKey() != null && !props.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + props.apiKey());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200 || status == 201 || status == 202 || status == 409) {
                return new SendResult(status == 409, response.headers().firstValue("X-Request-Id").orElse(null));
            }
            throw new DeliveryFailedException("L-Alert document " + batch.batchId() + " refused: code=" + status, status, null);
        } catch (IOException e) {
            throw new DeliveryFailedException("L-Alert document " + batch.batchId() + " got no answer: "
                    + e.getClass().getSimpleName(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while sending L-Alert document " + batch.batchId(), 0, e);
        }
    }

    @Configuration
    @EnableConfigurationProperties(LAlertProperties.class)
    static class LAlertConfiguration {

        @Bean
        LAlertChannel lAlertChannel(LAlertProperties props) {
            return new LAlertChannel(props);
        }
    }
}
