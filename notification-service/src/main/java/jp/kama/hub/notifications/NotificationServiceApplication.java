package jp.kama.hub.notifications;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * notification-service: turns hub events into messages for staff and citizens, over LINE
 * first (karte 32, 20), and keeps the log of what was delivered to whom.
 */
@SpringBootApplication
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
