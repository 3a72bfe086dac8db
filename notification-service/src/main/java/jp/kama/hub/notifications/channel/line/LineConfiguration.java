package jp.kama.hub.notifications.channel.line;

import com.linecorp.bot.messaging.client.MessagingApiClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LINE SDK client and the LINE channel built on it (citizens and staff alike). */
@Configuration
@EnableConfigurationProperties(LineProperties.class)
class LineConfiguration {

    @Bean
    MessagingApiClient lineMessagingApiClient(LineProperties line) {
        return MessagingApiClient.builder(line.channelToken())
                .apiEndPoint(line.apiUrl())
                .connectTimeout(line.connectTimeout())
                .readTimeout(line.readTimeout())
                .writeTimeout(line.readTimeout())
                .maxRequests(line.maxConnections())
                .maxRequestsPerHost(line.maxConnections())
                // the SDK's default wire logger writes every header (the channel token too) and
                // every message body at INFO; the delivery log records what was sent instead
                .usingDefaultLogger(false)
                .build();
    }

    @Bean
    LineChannel lineChannel(MessagingApiClient client) {
        return new LineChannel(client);
    }
}
