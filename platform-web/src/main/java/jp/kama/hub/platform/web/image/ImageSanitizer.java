package jp.kama.hub.platform.web.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.tika.Tika;

/**
 * Turns an uploaded file into a clean image. Decoding to pixels and encoding again writes
 * only the pixels: EXIF, XMP, GPS and comments of the original cannot survive, whatever
 * format quirks they hide in (cheaper to trust than a metadata stripper that must know every
 * block). The pixel count is checked before decoding, so a small file that claims a huge
 * image cannot exhaust the heap. One copy for the hub: case-service's report photos and
 * disaster-service's 罹災証明書 photos.
 */
public final class ImageSanitizer {

    /** 10 MiB, as the contract says; spring.servlet.multipart.* in application.yml must stay above it. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int THUMBNAIL_EDGE = 320;
    private static final long MAX_PIXELS = 60_000_000L;
    private static final Tika TIKA = new Tika();

    private ImageSanitizer() {
    }

    /** What is stored: the re-encoded image and its thumbnail, both without metadata. */
    public record Clean(String contentType, int width, int height, byte[] image, byte[] thumbnail) {
    }

    /** The content type by magic bytes; the client's Content-Type is not consulted. */
    public static String detect(byte[] bytes) {
        return TIKA.detect(bytes);
    }

    public static Clean clean(byte[] bytes, String contentType) {
        String format = "image/png".equals(contentType) ? "png" : "jpeg";
        BufferedImage image = decode(bytes);
        if (!"png".equals(format) && image.getColorModel().hasAlpha()) {
            image = opaque(image);
        }
        return new Clean(contentType, image.getWidth(), image.getHeight(), encode(image, format),
                encode(thumbnail(image, format), format));
    }

    private static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("the image cannot be decoded");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new UnreadableImageException("the image has more than " + MAX_PIXELS + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImageException u) {
                throw u;
            }
            throw new UnreadableImageException("the image cannot be decoded: " + e.getMessage());
        }
    }

    private static BufferedImage thumbnail(BufferedImage image, String format) {
        double scale = Math.min(1.0, (double) THUMBNAIL_EDGE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, "png".equals(format) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        return out;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new UnreadableImageException("no " + format + " encoder for this image");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not an image we can decode, or too large in pixels: each service answers it as 422 naming its file field. */
    public static class UnreadableImageException extends RuntimeException {
        public UnreadableImageException(String message) {
            super(message);
        }
    }
}
