package jp.kama.hub.notifications.template;

/**
 * The one source of the message for a CAP alert staff drafted. Staff write the headline and
 * text (in Japanese); each language adds a frame the reader recognises as an official alert.
 */
public final class AlertMessages {

    public record StaffAlert(String headline, String description, String instruction) {
    }

    private AlertMessages() {
    }

    public static Message render(StaffAlert a, Language language) {
        String instruction = a.instruction() == null || a.instruction().isBlank() ? "" : "\n" + a.instruction();
        return switch (language) {
            case JA -> new Message("【嘉麻市からの緊急のお知らせ】" + a.headline(), a.description() + instruction);
            case EN -> new Message("[Kama City alert] " + a.headline(),
                    a.description() + instruction + "\n(Issued in Japanese by Kama City.)");
            case JA_EASY -> new Message("【かましから だいじな おしらせ】" + a.headline(), a.description() + instruction);
        };
    }
}
