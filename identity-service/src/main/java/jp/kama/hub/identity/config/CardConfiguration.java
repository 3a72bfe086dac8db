package jp.kama.hub.identity.config;

import java.time.Clock;

import jp.kama.hub.identity.card.CardAuthenticator;
import jp.kama.hub.identity.card.Challenges;
import jp.kama.hub.identity.pkix.CardCertificateValidator;
import jp.kama.hub.identity.pseudonym.Pseudonyms;
import jp.kama.hub.identity.vault.MyNumberVault;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the card check, pseudonyms and the vault from {@link IdentityProperties}; the vault on
 * identity-service's own database (Boot's data source, Flyway-migrated before the vault is used).
 */
@Configuration(proxyBeanMethods = false)
class CardConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CardAuthenticator cardAuthenticator(IdentityProperties properties, Clock clock) {
        CardCertificateValidator validator = new CardCertificateValidator(
                CardCertificateValidator.readCertificate(properties.trustAnchor()), properties.crl(),
                properties.crlRefresh(), clock);
        return new CardAuthenticator(new Challenges(properties.challengeTtl(), clock), validator,
                new Pseudonyms(properties.pseudonymKey()), clock);
    }

    @Bean
    MyNumberVault myNumberVault(IdentityProperties properties, Clock clock, JdbcClient jdbc,
            PlatformTransactionManager transactionManager) {
        return new MyNumberVault(properties.myNumberKey(), clock, jdbc, new TransactionTemplate(transactionManager));
    }

}
