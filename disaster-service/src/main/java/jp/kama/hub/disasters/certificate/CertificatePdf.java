package jp.kama.hub.disasters.certificate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Draws the 罹災証明書 as an A4 PDF with PDFBox: title, certificate number, issue date, holder,
 * dwelling, disaster, the damage grade and the issuer (嘉麻市長), and where to verify the number.
 * The font is Noto Sans JP Regular (SIL Open Font License), put into the jar by the build
 * (disaster-service/pom.xml, never fetched at run time) and embedded as a subset, so the PDF shows
 * the same on any reader without Japanese fonts installed.
 */
public final class CertificatePdf {

    /** Where the build puts the font (download-maven-plugin in disaster-service/pom.xml). */
    static final String FONT = "/certificate/fonts/NotoSansJP-Regular.ttf";
    private static final DateTimeFormatter WAREKI = DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN)
            .withChronology(JapaneseChronology.INSTANCE);
    private static volatile byte[] fontBytes;

    private CertificatePdf() {
    }

    /**
     * The PDF of this certificate.
     *
     * @param mayor the issuer, e.g. 嘉麻市長
     */
    public static byte[] render(Application.Certificate c, String mayor) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(font()), true);
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            float left = 72;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                centered(cs, font, 30, "罹災証明書", width, height - 110);
                text(cs, font, 10, "証明書番号  " + c.number(), width - 72 - font.getStringWidth("証明書番号  " + c.number()) / 1000 * 10,
                        height - 150);
                text(cs, font, 10, "交付日  " + date(c.issuedOn()), width - 72 - font.getStringWidth("交付日  " + date(c.issuedOn())) / 1000 * 10,
                        height - 166);

                float y = height - 220;
                float labelWidth = 150;
                List<String[]> rows = List.of(
                        new String[] {"被災者（申請者）氏名", c.holderName()},
                        new String[] {"被災住家の所在地", c.dwellingAddress()},
                        new String[] {"災害名", c.disasterName()},
                        new String[] {"災害発生日", date(c.disasterDate())},
                        new String[] {"住家の被害の程度", c.grade().label()});
                cs.setLineWidth(0.8f);
                for (String[] row : rows) {
                    List<String> lines = wrap(font, 12, row[1], width - 2 * left - labelWidth - 16);
                    float rowHeight = 18 * lines.size() + 18;
                    cs.addRect(left, y - rowHeight, width - 2 * left, rowHeight);
                    cs.moveTo(left + labelWidth, y);
                    cs.lineTo(left + labelWidth, y - rowHeight);
                    cs.stroke();
                    text(cs, font, 11, row[0], left + 8, y - 22);
                    float ly = y - 22;
                    for (String line : lines) {
                        text(cs, font, 12, line, left + labelWidth + 8, ly);
                        ly -= 18;
                    }
                    y -= rowHeight;
                }
                text(cs, font, 12, "上記のとおり相違ないことを証明します。", left, y - 50);
                text(cs, font, 12, date(c.issuedOn()), left, y - 80);
                String issuer = mayor;
                text(cs, font, 16, issuer, width - 72 - font.getStringWidth(issuer) / 1000 * 16 - 40, y - 120);
                cs.addRect(width - 72 - 36, y - 130, 32, 32); // the place of the official seal (公印)
                cs.stroke();
                text(cs, font, 8, "この証明書は災害対策基本法第90条の2に基づき交付するものです。", left, 96);
                text(cs, font, 8, "証明書番号の真偽は、嘉麻市のホームページ（/public/certificates/証明書番号）で確認できます。", left, 82);
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("罹災証明書 " + c.number());
            info.setAuthor(mayor);
            info.setCreator("Kama City disaster-response hub");
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A date in the Japanese era with the Western year, e.g. 令和8年12月7日（2026年）. */
    static String date(LocalDate date) {
        return WAREKI.format(JapaneseDate.from(date)) + "（" + date.getYear() + "年）";
    }

    private static void centered(PDPageContentStream cs, PDType0Font font, float size, String s, float pageWidth, float y)
            throws IOException {
        text(cs, font, size, s, (pageWidth - font.getStringWidth(s) / 1000 * size) / 2, y);
    }

    private static void text(PDPageContentStream cs, PDType0Font font, float size, String s, float x, float y) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    private static List<String> wrap(PDType0Font font, float size, String s, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String next = line + new String(Character.toChars(cp));
            if (font.getStringWidth(next) / 1000 * size > max && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(new String(Character.toChars(cp)));
            } else {
                line = new StringBuilder(next);
            }
            i += Character.charCount(cp);
        }
        lines.add(line.toString());
        return lines;
    }

    private static byte[] font() throws IOException {
        byte[] f = fontBytes;
        if (f == null) {
            try (InputStream in = CertificatePdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("the certificate font " + FONT + " is not in the jar (the build fetches it)");
                }
                f = in.readAllBytes();
            }
            fontBytes = f;
        }
        return f;
    }
}
