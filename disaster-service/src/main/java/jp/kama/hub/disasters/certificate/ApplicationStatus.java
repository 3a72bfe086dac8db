package jp.kama.hub.disasters.certificate;

/**
 * Where a 罹災証明書 application stands (the contract's {@code CertificateApplicationStatus}), with
 * what it means for the citizen, in Japanese.
 */
public enum ApplicationStatus {

    /** Stored; the resident record not asked yet (momentary, or after a restart until the retry runs). */
    RECEIVED("申請を受け付けました。住民記録との照合を行っています。"),
    /** The resident record system did not answer; the hub retries by itself. */
    WAITING_FOR_CORE_SYSTEM("申請は受け付けられ、保存されています。現在、住民記録システムが応答しないため、本人確認の照合を自動で"
            + "再試行しています。お客様の手続きは必要ありません。照合が終わると状況が更新されます。"),
    /** No (or no unique, or no current) resident record with this name, birth date and address. */
    NOT_MATCHED("申請内容（氏名・生年月日・被災住家の住所）が住民記録と一致しませんでした。お手数ですが、嘉麻市役所 罹災証明担当に"
            + "ご連絡ください（申請番号をお伝えください）。"),
    MATCHED("住民記録との照合が完了しました。住家の被害認定調査の日程を調整しています。"),
    SURVEY_SCHEDULED("住家の被害認定調査の日程が決まりました（調査日をご確認ください）。"),
    CERTIFICATE_ISSUED("罹災証明書を発行しました。PDF をダウンロードできます。"),
    RE_SURVEY_REQUESTED("再調査のお申し出を受け付けました。新しい証明書が発行されるまで、発行済みの罹災証明書が有効です。");

    private final String message;

    ApplicationStatus(String message) {
        this.message = message;
    }

    /** What the status means for the citizen. */
    public String message() {
        return message;
    }

    /** Staff may schedule a survey and record its result. */
    public boolean surveyable() {
        return this == MATCHED || this == SURVEY_SCHEDULED || this == RE_SURVEY_REQUESTED;
    }
}
