package jp.kama.hub.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Test images (an Object Mother for photos): plain ones, a phone's JPEG with a GPS EXIF block,
 * and a check for APP1 segments. Used by case-service's photo tests and the end-to-end test.
 */
public final class TestPhotos {

    /** The marker string the GPS IFD carries, so a test can look for it in what is stored. */
    public static final String GPS_SECRET = "GPS-KAMA-SECRET";

    private TestPhotos() {
    }

    /** One flat colour: tiny when compressed. */
    public static byte[] image(String format, int w, int h) throws Exception {
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
     * A JPEG the size a phone camera writes (4032 x 3024 is 12 megapixels): gradients with
     * seeded sensor-like noise, so it compresses poorly (about 6 MB at quality 0.92), as a
     * photo of rubble or foliage does.
     */
    public static byte[] phonePhoto(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom noise = new SplittableRandom(311);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(x * 255 / w + noise.nextInt(64) - 32);
                int g = clamp(y * 255 / h + noise.nextInt(64) - 32);
                int b = clamp(128 + noise.nextInt(64) - 32);
                row[x] = (r << 16) | (g << 8) | b;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.92f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), quality);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** An 800 x 600 JPEG with a GPS EXIF block. */
    public static byte[] jpegWithGpsExif() throws Exception {
        return withGpsExif(image("jpeg", 800, 600));
    }

    /**
     * The JPEG as a phone writes it: an APP1 Exif block right after the start marker, holding
     * a GPS IFD with the latitude reference "N" and {@link #GPS_SECRET}.
     */
    public static byte[] withGpsExif(byte[] plain) throws Exception {
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
        tiff.put((GPS_SECRET + "\0").getBytes(StandardCharsets.US_ASCII));
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

    /** Whether any APP1 marker segment sits between SOI and the start of scan. */
    public static boolean hasApp1(byte[] jpeg) {
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
}
