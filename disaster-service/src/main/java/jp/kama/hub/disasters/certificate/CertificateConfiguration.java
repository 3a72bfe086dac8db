package jp.kama.hub.disasters.certificate;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The retry's scheduling and the photo refusals as problem+json. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CertificateConfiguration {

    @Bean
    ProblemMapping<CertificateApplications.PhotoRefused> certificatePhotoRefused() {
        return ProblemMapping.of(CertificateApplications.PhotoRefused.class, e -> Problem
                .status(HttpStatus.valueOf(e.status()))
                .title(e.status() == 413 ? "Photo too large" : "Not a JPEG or PNG photo").detail(e.getMessage()));
    }
}
