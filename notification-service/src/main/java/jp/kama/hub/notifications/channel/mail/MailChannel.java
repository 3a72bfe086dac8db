package jp.kama.hub.notifications.channel.mail;

import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jp.kama.hub.notifications.channel.Channel;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail over SMTP, one message per recipient (the address of one citizen is never shown to
 * another). The batch id becomes the {@code Message-ID}, so a resend after a crash carries the
 * same id and mail clients show it once. SMTP has no idempotency key; the delivery log makes a
 * resend happen only when the first attempt's outcome was not recorded.
 */
final class MailChannel implements Channel {

    private final JavaMailSenderImpl sender;
    private final MailProperties props;

    MailChannel(MailProperties props) {
        this.props = props;
        this.sender = new JavaMailSenderImpl();
        if (props.enabled()) {
            sender.setHost(props.host());
            sender.setPort(props.port());
            sender.setUsername(props.username());
            sender.setPassword(props.password());
            sender.setDefaultEncoding("UTF-8");
            Properties p = new Properties();
            p.put("mail.smtp.connectiontimeout", props.timeoutMillis());
            p.put("mail.smtp.timeout", props.timeoutMillis());
            p.put("mail.smtp.writetimeout", props.timeoutMillis());
            p.put("mail.smtp.auth", props.username() != null && !props.username().isBlank());
            sender.setJavaMailProperties(p);
        }
    }

    @Override
    public String name() {
        return "EMAIL";
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
    public SendResult send(OutgoingBatch batch, List<String> addresses) {
        String messageId = "<" + batch.batchId() + "@notification.kama-hub>";
        try {
            MimeMessage mime = new MimeMessage(sender.getSession()) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            MimeMessageHelper m = new MimeMessageHelper(mime, "UTF-8");
            m.setFrom(props.from());
            m.setTo(addresses.toArray(String[]::new));
            m.setSubject(batch.subject());
            m.setText(batch.body());
            sender.send(mime);
            return new SendResult(false, messageId);
        } catch (MailException | MessagingException e) {
            // the exception text may carry the address: keep it out of the message
            throw new DeliveryFailedException("e-mail batch " + batch.batchId() + " failed: " + e.getClass().getSimpleName(),
                    0, null);
        }
    }

    @Configuration
    @EnableConfigurationProperties(MailProperties.class)
    static class MailConfiguration {

        @Bean
        MailChannel mailChannel(MailProperties props) {
            return new MailChannel(props);
        }
    }
}
