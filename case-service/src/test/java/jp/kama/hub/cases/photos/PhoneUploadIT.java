package jp.kama.hub.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import jp.kama.hub.cases.CaseServiceOverHttpIT;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Photos as a phone uploads them, over real HTTP: the servlet container's multipart limits
 * apply here (MockMvc skips them). The documented limit is 10 MiB = 10,485,760 bytes per file.
 */
class PhoneUploadIT extends CaseServiceOverHttpIT {

    static final int DOCUMENTED_LIMIT = 10 * 1024 * 1024;

    private String reportOf(String citizen) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/reports"))
                .header("Authorization", "Bearer " + token(citizen, "citizen"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ReportMother.reportAtNewPlace("BUILDING_DAMAGE"))).build());
        assertThat(r.statusCode()).isEqualTo(201);
        return body(r).get("reportId").asString();
    }

    private HttpResponse<byte[]> upload(String reportId, String citizen, byte[] file) throws Exception {
        Multipart m = multipart("file", "IMG_0001.JPG", "image/jpeg", file);
        return send(HttpRequest.newBuilder(uri("/reports/" + reportId + "/photos"))
                .header("Authorization", "Bearer " + token(citizen, "citizen"))
                .header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
    }

    private byte[] download(String path, String citizen) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token(citizen, "citizen")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void acceptsASixMegabyteTwelveMegapixelPhonePhotoAndStillRemovesItsGpsExif() throws Exception {
        byte[] photo = TestPhotos.withGpsExif(TestPhotos.phonePhoto(4032, 3024));
        assertThat(photo.length).as("a realistic phone JPEG of 3-8 MB").isBetween(5_000_000, 8_000_000);
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("Exif", TestPhotos.GPS_SECRET);
        String reportId = reportOf("citizen-phone-1");

        HttpResponse<byte[]> r = upload(reportId, "citizen-phone-1", photo);

        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode info = body(r);
        assertThat(info.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(info.get("width").asInt()).isEqualTo(4032);
        assertThat(info.get("height").asInt()).isEqualTo(3024);
        String photoId = info.get("photoId").asString();

        byte[] stored = download("/photos/" + photoId, "citizen-phone-1");
        assertThat(TestPhotos.hasApp1(stored)).as("no APP1 (EXIF/XMP) segment").isFalse();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain(TestPhotos.GPS_SECRET);
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(4032);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(download("/photos/" + photoId + "/thumbnail", "citizen-phone-1")));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(240);
    }

    @Test
    void aFileOfExactlyTheDocumentedLimitIsNotRefusedForTheMultipartEnvelopeAroundIt() throws Exception {
        // a real JPEG padded after its end marker to the limit: decoders stop at EOI
        byte[] photo = Arrays.copyOf(TestPhotos.image("jpeg", 640, 480), DOCUMENTED_LIMIT);
        String reportId = reportOf("citizen-phone-2");

        HttpResponse<byte[]> r = upload(reportId, "citizen-phone-2", photo);

        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    }

    @Test
    void refusesOneByteOverTheDocumentedLimitWith413ProblemJson() throws Exception {
        byte[] photo = Arrays.copyOf(TestPhotos.image("jpeg", 640, 480), DOCUMENTED_LIMIT + 1);
        String reportId = reportOf("citizen-phone-3");

        HttpResponse<byte[]> r = upload(reportId, "citizen-phone-3", photo);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(body(r).get("status").asInt()).isEqualTo(413);
    }
}
