package jp.kama.hub.disasters.certificate;

import jp.kama.hub.contracts.disasters.api.CertificateVerificationApi;
import jp.kama.hub.contracts.disasters.model.CertificateVerification;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /public/certificates/{number}}, without login: genuine (issued, check right) with the
 * grade, issue date, disaster and the masked holder name, or {@code genuine: false}. A forged
 * number fails its keyed check before any lookup ({@link CertificateNumbers}).
 */
@RestController
class CertificateVerificationController implements CertificateVerificationApi {

    private final CertificateApplications applications;

    CertificateVerificationController(CertificateApplications applications) {
        this.applications = applications;
    }

    @Override
    public ResponseEntity<CertificateVerification> verifyCertificate(String certificateNumber) {
        CertificateVerification answer = applications.verify(certificateNumber).map(CertificateViews::verification)
                .orElseGet(() -> new CertificateVerification(false));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(answer);
    }
}
