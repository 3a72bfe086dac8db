package jp.kama.hub.cases.photos;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.Callers;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Photos: type from content, EXIF/GPS removed, thumbnail, limits, and only for who may see the case. */
class PhotosIT extends CaseServiceIT {

    private ResultActions upload(String reportId, String subject, String role, byte[] bytes, String declaredType) throws Exception {
        return mvc.perform(multipart("/reports/" + reportId + "/photos")
                .file(new MockMultipartFile("file", "photo.jpg", declaredType, bytes))
                .with(Callers.token(subject, role)));
    }

    @Test
    void removesExifAndGpsKeepsTheImageAndMakesAThumbnail() throws Exception {
        JsonNode accepted = submit("citizen-photo-1", ReportMother.reportAtNewPlace("LANDSLIDE"));
        String reportId = accepted.get("reportId").asString();
        byte[] original = TestPhotos.jpegWithGpsExif();
        assertThat(ImageIO.read(new ByteArrayInputStream(original))).as("the test JPEG is valid").isNotNull();
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Exif", TestPhotos.GPS_SECRET);

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
        assertThat(storedText).doesNotContain("Exif").doesNotContain(TestPhotos.GPS_SECRET);
        assertThat(TestPhotos.hasApp1(stored)).as("no APP1 (EXIF/XMP) segment").isFalse();
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

    @Test
    void detectsTheTypeFromTheContentNotTheHeader() throws Exception {
        String reportId = submit("citizen-photo-3", ReportMother.reportAtNewPlace("FLOODING")).get("reportId").asString();
        upload(reportId, "citizen-photo-3", "citizen", "%PDF-1.7 not an image".getBytes(StandardCharsets.US_ASCII), "image/jpeg")
                .andExpect(status().isUnsupportedMediaType());
        // a PNG sent as "image/jpeg" is still a PNG
        upload(reportId, "citizen-photo-3", "citizen", TestPhotos.image("png", 40, 30), "image/jpeg")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/png"));
    }

    @Test
    void refusesAPhotoOver10MbWith413AndASixthPhotoWith422() throws Exception {
        String reportId = submit("citizen-photo-4", ReportMother.reportAtNewPlace("ROAD_DAMAGE")).get("reportId").asString();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] png = TestPhotos.image("png", 10, 10);
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
