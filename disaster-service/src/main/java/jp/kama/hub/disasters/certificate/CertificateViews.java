package jp.kama.hub.disasters.certificate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jp.kama.hub.contracts.disasters.model.CertificateApplication;
import jp.kama.hub.contracts.disasters.model.CertificateApplicationStatus;
import jp.kama.hub.contracts.disasters.model.CertificatePhoto;
import jp.kama.hub.contracts.disasters.model.CertificateVerification;
import jp.kama.hub.contracts.disasters.model.IssuedCertificate;
import org.jspecify.annotations.Nullable;

/** The certificate package's values as the contract's types. */
final class CertificateViews {

    private CertificateViews() {
    }

    static CertificateApplication application(Application a, String disasterName, List<Application.Photo> photos,
                                              Application.@Nullable Certificate certificate) {
        String message = a.status().message();
        if (a.status() == ApplicationStatus.SURVEY_SCHEDULED && a.surveyDate() != null) {
            message = "住家の被害認定調査を " + CertificatePdf.date(a.surveyDate()) + " に予定しています。";
        } else if (a.status() == ApplicationStatus.CERTIFICATE_ISSUED && a.grade() != null) {
            message = "罹災証明書を発行しました（住家の被害の程度: " + a.grade().label() + "）。PDF をダウンロードできます。";
        }
        var view = new CertificateApplication(a.id(), a.disasterId(), CertificateApplicationStatus.fromValue(a.status().name()),
                message, a.nameKanji(), a.nameKana(), a.birthDate(), a.dwellingAddress(), time(a.receivedAt()),
                photos.stream().map(CertificateViews::photo).toList())
                .disasterName(disasterName).caseId(a.caseId()).description(a.description())
                .matchedAt(time(a.matchedAt())).surveyDate(a.surveyDate()).damageRatioPercent(a.damageRatio())
                .reSurveyReason(a.reSurveyReason());
        if (a.status() == ApplicationStatus.WAITING_FOR_CORE_SYSTEM || a.status() == ApplicationStatus.RECEIVED) {
            view.nextMatchAttemptAt(time(a.nextMatchAt()));
        }
        if (a.grade() != null) {
            view.grade(grade(a.grade())).gradeLabel(a.grade().label());
        }
        if (certificate != null) {
            view.certificate(new IssuedCertificate(certificate.number(), certificate.issuedOn(), grade(certificate.grade())));
        }
        return view;
    }

    static CertificatePhoto photo(Application.Photo p) {
        return new CertificatePhoto(p.id(), p.contentType(), p.width(), p.height(), p.sizeBytes());
    }

    static CertificateVerification verification(Application.Certificate c) {
        return new CertificateVerification(true).certificateNumber(c.number()).grade(grade(c.grade()))
                .gradeLabel(c.grade().label()).issuedOn(c.issuedOn()).disasterName(c.disasterName())
                .holderNameMasked(masked(c.holderName())).superseded(c.supersededBy() != null);
    }

    /** The first character, the others (spaces kept) as ＊: enough to match a person in front of you, no more. */
    static String masked(String name) {
        StringBuilder out = new StringBuilder();
        int[] cps = name.strip().codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            boolean space = Character.isWhitespace(cps[i]) || cps[i] == '\u3000';
            out.append(i == 0 || space ? new String(Character.toChars(cps[i])) : "＊");
        }
        return out.toString();
    }

    static jp.kama.hub.contracts.disasters.model.DamageGrade grade(DamageGrade g) {
        return jp.kama.hub.contracts.disasters.model.DamageGrade.fromValue(g.name());
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
