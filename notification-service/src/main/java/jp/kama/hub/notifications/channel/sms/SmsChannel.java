package jp.kama.hub.notifications.channel.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP gateway: {@code POST /v1/messages {"to","text"}} with the batch id as
 * {@code Idempotency-Key}. 202 = accepted now; 200 = the key was accepted before (delivered by
 * an earlier attempt, not sent again).
 */
final class SmsChannel implements Channel {

    private final SmsProperties props;
    private final HttpClient http;
    private final JsonMapper json;

    SmsChannel(SmsProperties props, JsonMapper json) {
        this.props = props;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).build();
    }

    @Override
    public String name() {
        return "SMS";
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
        return true;
    }

    @Override
    public SendResult send(OutgoingBatch batch, List<String> phones) {
        String body = json.writeValueAsString(Map.of("to", phones.getFirst(), "text", batch.text()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(props.url().replaceAll("/$", "") + "/v1/messages"))
                .timeout(props.timeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + (props.apiKey() == null ? "" : props.apiKey()))
                .header("Idempotency-Key", batch.batchId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 202 || status == 200) {
                String id = json.readTree(response.body()).path("id").asString(null);
                return new SendResult(status == 200, id);
            }
            throw new DeliveryFailedException("SMS batch " + batch.batchId() + " failed: code=" + status, status, null);
        } catch (IOException e) {
            throw new DeliveryFailedException("SMS batch " + batch.batchId() + " got no answer: " + e.getClass().getSimpleName(),
                    0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while sending SMS batch " + batch.batchId(), 0, e);
        }
    }

    @Configuration
    @EnableConfigurationProperties(SmsProperties.class)
    static class SmsConfiguration {

        @Bean
        SmsChannel smsChannel(SmsProperties props, JsonMapper json) {
            return new SmsChannel(props, json);
        }
    }
}
