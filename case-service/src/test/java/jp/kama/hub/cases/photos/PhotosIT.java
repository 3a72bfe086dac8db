package jp.kama.hub.cases.photos;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.Callers;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Photos: type from content, EXIF/GPS removed, thumbnail, limits, and only for who may see the case. */
class PhotosIT extends CaseServiceIT {

    static byte[] image(String format, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /**
     * A JPEG as a phone writes it: an APP1 Exif block right after the start marker, holding a
     * GPS IFD with the latitude reference "N" and a marker string a test can look for.
     */
    static byte[] jpegWithGpsExif() throws Exception {
        byte[] plain = image("jpeg", 800, 600);
        ByteBuffer tiff = ByteBuffer.allocate(128);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0: one entry, GPSInfo (0x8825) -> GPS IFD at offset 26
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        // GPS IFD: GPSLatitudeRef "N", GPSProcessingMethod-like ASCII marker at offset 56
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 0x001B).putShort((short) 2).putInt(16).putInt(56);
        tiff.putInt(0);
        tiff.position(56);
        tiff.put("GPS-KAMA-SECRET\0".getBytes(StandardCharsets.US_ASCII));
        byte[] tiffBytes = new byte[72];
        tiff.flip();
        tiff.get(tiffBytes, 0, 72);
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exifHeader.length + tiffBytes.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exifHeader);
        out.write(tiffBytes);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private ResultActions upload(String reportId, String subject, String role, byte[] bytes, String declaredType) throws Exception {
        return mvc.perform(multipart("/reports/" + reportId + "/photos")
                .file(new MockMultipartFile("file", "photo.jpg", declaredType, bytes))
                .with(Callers.token(subject, role)));
    }

    @Test
    void removesExifAndGpsKeepsTheImageAndMakesAThumbnail() throws Exception {
        JsonNode accepted = submit("citizen-photo-1", ReportMother.reportAtNewPlace("LANDSLIDE"));
        String reportId = accepted.get("reportId").asString();
        byte[] original = jpegWithGpsExif();
        assertThat(ImageIO.read(new ByteArrayInputStream(original))).as("the test JPEG is valid").isNotNull();
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Exif", "GPS-KAMA-SECRET");

        String body = upload(reportId, "citizen-photo-1", "citizen", original, "image/jpeg")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/jpeg"))
                .andExpect(jsonPath("$.width").value(800))
                .andExpect(jsonPath("$.height").value(600))
                .andReturn().getResponse().getContentAsString();
        String photoId = json.readTree(body).get("photoId").asString();

        byte[] stored = mvc.perform(asRole(get("/photos/" + photoId), "staff-photo", "disaster-staff"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_JPEG))
                .andReturn().getResponse().getContentAsByteArray();
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText).doesNotContain("Exif").doesNotContain("GPS-KAMA-SECRET");
        assertThat(hasApp1(stored)).as("no APP1 (EXIF/XMP) segment").isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(800);

        byte[] thumb = mvc.perform(asRole(get("/photos/" + photoId + "/thumbnail"), "citizen-photo-1", "citizen"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb));
        assertThat(Math.max(t.getWidth(), t.getHeight())).isEqualTo(320);

        // another citizen, or department staff of another department, is told it does not exist
        mvc.perform(asRole(get("/photos/" + photoId), "citizen-photo-2", "citizen")).andExpect(status().isNotFound());
        mvc.perform(get("/photos/" + photoId)).andExpect(status().isUnauthorized());
        String reports = mvc.perform(asRole(get("/cases/" + accepted.get("caseId").asString() + "/reports"), "staff-photo", "disaster-staff"))
                .andReturn().getResponse().getContentAsString();
        assertThat(reports).contains(photoId);
    }

    /** Whether any APP1 marker segment sits between SOI and the start of scan. */
    static boolean hasApp1(byte[] jpeg) {
        int i = 2;
        while (i + 4 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xE1) {
                return true;
            }
            if (marker == 0xDA) {
                return false;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return false;
    }

    @Test
    void detectsTheTypeFromTheContentNotTheHeader() throws Exception {
        String reportId = submit("citizen-photo-3", ReportMother.reportAtNewPlace("FLOODING")).get("reportId").asString();
        upload(reportId, "citizen-photo-3", "citizen", "%PDF-1.7 not an image".getBytes(StandardCharsets.US_ASCII), "image/jpeg")
                .andExpect(status().isUnsupportedMediaType());
        // a PNG sent as "image/jpeg" is still a PNG
        upload(reportId, "citizen-photo-3", "citizen", image("png", 40, 30), "image/jpeg")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/png"));
    }

    @Test
    void refusesAPhotoOver10MbWith413AndASixthPhotoWith422() throws Exception {
        String reportId = submit("citizen-photo-4", ReportMother.reportAtNewPlace("ROAD_DAMAGE")).get("reportId").asString();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] png = image("png", 10, 10);
        System.arraycopy(png, 0, big, 0, png.length);
        upload(reportId, "citizen-photo-4", "citizen", big, "image/png").andExpect(status().isContentTooLarge());

        for (int i = 0; i < 5; i++) {
            upload(reportId, "citizen-photo-4", "citizen", png, "image/png").andExpect(status().isCreated());
        }
        upload(reportId, "citizen-photo-4", "citizen", png, "image/png")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        // someone else's report: as if it did not exist
        upload(reportId, "citizen-photo-5", "citizen", png, "image/png").andExpect(status().isNotFound());
    }
}
