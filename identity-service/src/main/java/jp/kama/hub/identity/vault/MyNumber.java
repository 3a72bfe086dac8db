package jp.kama.hub.identity.vault;

/**
 * A 12-digit 個人番号 (My Number) whose check digit is right (総務省令第85号 第5条: weights
 * 2..7,2..6 from the right over the first eleven digits, check digit 11 − (sum mod 11), or 0
 * when the remainder is 0 or 1). {@link #toString()} never shows the digits, so the number
 * cannot reach a log by accident.
 */
public final class MyNumber {

    private final String digits;

    private MyNumber(String digits) {
        this.digits = digits;
    }

    /** @throws InvalidMyNumber naming what is wrong, never echoing the input */
    public static MyNumber of(String text) {
        if (text == null || !text.matches("[0-9]{12}")) {
            throw new InvalidMyNumber("must be exactly 12 digits");
        }
        if (checkDigit(text.substring(0, 11)) != text.charAt(11) - '0') {
            throw new InvalidMyNumber("the check digit does not match; please check the number on your card");
        }
        return new MyNumber(text);
    }

    /** The check digit of an 11-digit base. */
    static int checkDigit(String base) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = base.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    String digits() {
        return digits;
    }

    @Override
    public String toString() {
        return "MyNumber[************]";
    }

    /** The number is not a valid My Number. */
    public static final class InvalidMyNumber extends RuntimeException {

        InvalidMyNumber(String message) {
            super(message, null, false, false);
        }

    }

}
