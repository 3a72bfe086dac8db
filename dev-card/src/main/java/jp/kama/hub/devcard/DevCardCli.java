package jp.kama.hub.devcard;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The software card on the command line (development only).
 *
 * <pre>
 * java -cp dev-card.jar:bcprov.jar:bcpkix.jar:bcutil.jar jp.kama.hub.devcard.DevCardCli init DIR
 *     make (or keep, while its CRL is good) the test CA, cards and CRL in DIR
 * ... DevCardCli certificate CARD.p12 [PIN]
 *     print the card's user-authentication certificate (one line of Base64 DER)
 * ... DevCardCli sign CARD.p12 CHALLENGE [PIN]
 *     sign the challenge shown on the login page; prints the signature (Base64)
 * </pre>
 *
 * The PIN defaults to {@value DevCardSet#PIN}. Paste the two printed lines into the card login
 * page of identity-service.
 */
public final class DevCardCli {

    private DevCardCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length >= 2 && args[0].equals("init")) {
            DevCardSet set = DevCardSet.ensure(Path.of(args[1]));
            out.println("trust anchor: " + set.trustAnchor().toAbsolutePath());
            out.println("CRL:          " + set.crlFile().toAbsolutePath());
            set.cards().keySet().stream().sorted()
                .forEach(name -> out.println("card:         " + set.cardFile(name).toAbsolutePath()));
            out.println("PIN of every card: " + DevCardSet.PIN);
            return 0;
        }
        if (args.length >= 2 && args[0].equals("certificate")) {
            out.println(SoftwareCard.load(Path.of(args[1]), pin(args, 2)).certificateBase64());
            return 0;
        }
        if (args.length >= 3 && args[0].equals("sign")) {
            out.println(SoftwareCard.load(Path.of(args[1]), pin(args, 3)).sign(args[2]));
            return 0;
        }
        err.println("""
                usage: DevCardCli init DIR
                       DevCardCli certificate CARD.p12 [PIN]
                       DevCardCli sign CARD.p12 CHALLENGE [PIN]""");
        return 2;
    }

    private static String pin(String[] args, int index) {
        return args.length > index ? args[index] : DevCardSet.PIN;
    }

}
