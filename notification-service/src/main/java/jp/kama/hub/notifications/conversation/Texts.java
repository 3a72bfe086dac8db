package jp.kama.hub.notifications.conversation;

import jp.kama.hub.notifications.template.Language;

/** Every sentence of the LINE conversation in Japanese, English and やさしい日本語 (easy Japanese). */
final class Texts {

    private Texts() {
    }

    private static String of(Language l, String ja, String en, String easy) {
        return switch (l) {
            case JA -> ja;
            case EN -> en;
            case JA_EASY -> easy;
        };
    }

    static String languageSet(Language l) {
        return of(l, "日本語でお知らせします。被害を通報するときは「通報」と送ってください。",
                "We will write to you in English. To report damage, send \"report\".",
                "やさしい にほんごで おしらせ します。ひがいを おしえる ときは「つうほう」と おくって ください。");
    }

    static String howToReport(Language l) {
        return of(l, "被害を通報するときは「通報」と送るか、下のボタンを押してください。",
                "To report damage, send \"report\" or tap the button below.",
                "ひがいを おしえる ときは「つうほう」と おくって ください。");
    }

    static String reportButton(Language l) {
        return of(l, "被害を通報する", "Report damage", "ひがいを おしえる");
    }

    static String cancelButton(Language l) {
        return of(l, "やめる", "Cancel", "やめる");
    }

    static String askCategory(Language l) {
        return of(l, "被害の通報を始めます。何が起きていますか？（途中でやめるときは「やめる」）",
                "Let's report the damage. What happened? (send \"cancel\" to stop)",
                "ひがいを おしえて ください。なにが ありましたか？（やめる ときは「やめる」）");
    }

    static String askLocation(Language l) {
        return of(l, "場所を送ってください。下の「位置情報を送る」から地図で選べます。",
                "Send the place: tap \"Send location\" below and pick it on the map.",
                "ばしょを おくって ください。したの「ばしょを おくる」を おして ください。");
    }

    static String locationButton(Language l) {
        return of(l, "位置情報を送る", "Send location", "ばしょを おくる");
    }

    static String askPhoto(Language l) {
        return of(l, "写真があれば送ってください。なければ「写真なし」を押してください。",
                "Send a photo if you have one, or tap \"No photo\".",
                "しゃしんが あれば おくって ください。なければ「しゃしん なし」を おして ください。");
    }

    static String cameraButton(Language l) {
        return of(l, "カメラ", "Camera", "カメラ");
    }

    static String cameraRollButton(Language l) {
        return of(l, "写真を選ぶ", "Choose photo", "しゃしんを えらぶ");
    }

    static String noPhotoButton(Language l) {
        return of(l, "写真なし", "No photo", "しゃしん なし");
    }

    static String askDescription(Language l) {
        return of(l, "どんな様子か、文章で送ってください（2000文字まで）。",
                "Describe what you see in a message (up to 2,000 characters).",
                "どんな ようすか、ぶんで おくって ください。");
    }

    static String sending(Language l) {
        return of(l, "ありがとうございます。市に送っています。受付番号をこのあとお知らせします。",
                "Thank you. We are sending your report to the city; its reference number follows.",
                "ありがとう ございます。しやくしょに おくって います。ばんごうを あとで おしらせ します。");
    }

    static String alreadySending(Language l) {
        return of(l, "通報を市に送っているところです。受付番号をお待ちください。",
                "Your report is being sent to the city. Please wait for its reference number.",
                "いま しやくしょに おくって います。ばんごうを まって ください。");
    }

    static String cancelled(Language l) {
        return of(l, "通報を取り消しました。", "Your report was cancelled.", "ほうこくを やめました。");
    }

    static String notUnderstood(Language l) {
        return of(l, "すみません、わかりませんでした。", "Sorry, we did not understand that.", "ごめんなさい、わかりませんでした。");
    }

    static String unknown(Language l) {
        return of(l, "その言語は選べません。", "That language is not available.", "その ことばは えらべません。");
    }

    static String expired(Language l) {
        return of(l, "通報の入力が途中のまま時間が過ぎたため、取り消しました。もう一度「通報」と送ってください。",
                "Your unfinished report timed out and was cancelled. Send \"report\" to start again.",
                "じかんが たったので、とちゅうの ほうこくを やめました。もう いちど「つうほう」と おくって ください。");
    }

    static String accepted(Language l, String category, String reference) {
        return of(l, "通報を受け付けました（" + category + "、受付番号 " + reference + "）。対応の状況はこのトークでお知らせします。",
                "Your report was received (" + category + ", reference " + reference + "). We will tell you its progress in this chat.",
                "ほうこくを うけつけました（" + category + "、ばんごう " + reference + "）。どう なったかは ここで おしらせ します。");
    }

    static String acceptedSubject(Language l) {
        return of(l, "【被害の通報を受け付けました】", "[Your damage report was received]", "【ほうこくを うけつけました】");
    }

    static String outsideCity(Language l) {
        return of(l, "その場所は嘉麻市の外のようです。市内の場所を送ってください。",
                "That place seems to be outside Kama City. Please send a place inside the city.",
                "その ばしょは かましの そとの ようです。かましの なかの ばしょを おくって ください。");
    }

    static String refused(Language l) {
        return of(l, "申し訳ありません。この通報は受け付けられませんでした。お急ぎの場合は市役所へお電話ください（0948-42-7450）。",
                "Sorry, the city could not take this report. If it is urgent, please call the city office (0948-42-7450).",
                "ごめんなさい。この ほうこくは うけつけられませんでした。いそぐ ときは しやくしょに でんわ して ください（0948-42-7450）。");
    }

    static String photoNotTaken(Language l) {
        return of(l, "写真は受け付けられませんでした（JPEG か PNG、10MB まで）。通報そのものは受け付けています。",
                "The photo could not be taken (JPEG or PNG, up to 10 MB). The report itself was received.",
                "しゃしんは うけつけられませんでした。ほうこくは うけつけて います。");
    }
}
