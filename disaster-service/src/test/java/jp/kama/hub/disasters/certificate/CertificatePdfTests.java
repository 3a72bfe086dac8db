package jp.kama.hub.disasters.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The certificate PDF: text a reader extracts, the font embedded as a subset, a page that renders to a non-blank image. */
class CertificatePdfTests {

    private static final String NUMBER = new CertificateNumbers("test-key-for-certificate-numbers").next();

    private static Application.Certificate certificate() {
        return new Application.Certificate(NUMBER, UUID.randomUUID(), DamageGrade.DAIKIBO_HANKAI, LocalDate.of(2026, 12, 7),
                Instant.parse("2026-12-07T01:00:00Z"), "見本 太郎", "福岡県嘉麻市上山田1-1見本", "令和8年 嘉麻市豪雨災害（見本）",
                LocalDate.of(2026, 7, 3), null);
    }

    @Test
    void theTextNamesTheCertificateHolderGradeNumberAndIssuer() throws Exception {
        byte[] pdf = CertificatePdf.render(certificate(), "嘉麻市長");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("罹災証明書", "見本 太郎", "大規模半壊", NUMBER, "嘉麻市長", "福岡県嘉麻市上山田1-1見本",
                    "令和8年 嘉麻市豪雨災害（見本）", "令和8年12月7日");
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
    }

    @Test
    void theJapaneseFontIsEmbeddedAsASubset() throws Exception {
        byte[] pdf = CertificatePdf.render(certificate(), "嘉麻市長");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var resources = doc.getPage(0).getResources();
            int fonts = 0;
            for (var name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                fonts++;
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.isEmbedded()).as("embedded").isTrue();
                // a subset's name carries a six-letter tag: ABCDEF+NotoSansJP-Regular
                assertThat(font.getName()).matches("[A-Z]{6}\\+NotoSansJP.*");
            }
            assertThat(fonts).isEqualTo(1);
        }
        // a subset, not the whole 5 MB font
        assertThat(pdf.length).isLessThan(300_000);
    }

    @Test
    void pageOneRendersToAnImageThatIsNotBlank() throws Exception {
        byte[] pdf = CertificatePdf.render(certificate(), "嘉麻市長");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            Path dir = Files.createDirectories(Path.of("target", "certificate-pdf"));
            ImageIO.write(image, "png", new File(dir.toFile(), "certificate-page-1.png"));
            long dark = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                    if (lum < 300) {
                        dark++;
                    }
                }
            }
            // text and rules: far more than nothing, far less than a black page
            assertThat(dark).isGreaterThan(2_000).isLessThan((long) image.getWidth() * image.getHeight() / 4);
        }
    }
}
