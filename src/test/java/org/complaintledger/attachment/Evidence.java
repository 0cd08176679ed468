package org.complaintledger.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Files as phones and people send them, made in the test; read back with commons-imaging, not with our code. */
public final class Evidence {

    /** A spot in Bengkalis: what a stored photo must not reveal. */
    static final double LATITUDE = 1.4650;

    static final double LONGITUDE = 102.1073;

    private Evidence() {}

    public static byte[] jpegWithGps() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(16, 12, 30, 20);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", plain);
        TiffOutputSet exif = new TiffOutputSet();
        TiffOutputDirectory root = exif.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_MAKE, "PhoneMaker");
        root.add(TiffTagConstants.TIFF_TAG_MODEL, "Serial SN-4471-0093");
        exif.setGpsInDegrees(LONGITUDE, LATITUDE);
        ByteArrayOutputStream withGps = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), withGps, exif);
        return withGps.toByteArray();
    }

    /** The GPS position commons-imaging reads from a JPEG, or null when there is none. */
    public static double[] gps(byte[] jpeg) throws IOException {
        ImageMetadata metadata = Imaging.getMetadata(jpeg);
        if (!(metadata instanceof JpegImageMetadata jpegMetadata)
                || jpegMetadata.getExif() == null
                || jpegMetadata.getExif().getGpsInfo() == null) {
            return null;
        }
        var info = jpegMetadata.getExif().getGpsInfo();
        return new double[] {info.getLatitudeAsDegreesNorth(), info.getLongitudeAsDegreesEast()};
    }

    public static boolean hasExif(byte[] jpeg) throws IOException {
        ImageMetadata metadata = Imaging.getMetadata(jpeg);
        return metadata instanceof JpegImageMetadata jpegMetadata && jpegMetadata.getExif() != null;
    }

    /** A PNG with a text chunk that names the place, as some apps write it. */
    public static byte[] pngWithText(String text) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] png = out.toByteArray();
        // insert a tEXt chunk right after IHDR (8 signature + 25 IHDR)
        byte[] data = ("Location\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length)
                .put("tEXt".getBytes(StandardCharsets.ISO_8859_1))
                .put(data);
        CRC32 crc = new CRC32();
        crc.update("tEXt".getBytes(StandardCharsets.ISO_8859_1));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        result.write(png, 0, 33);
        result.write(chunk.array());
        result.write(png, 33, png.length - 33);
        return result.toByteArray();
    }

    public static byte[] pdf() {
        return """
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first bytes of a Windows program: "MZ", the DOS stub, a PE header further on. */
    public static byte[] executable() {
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        System.arraycopy("This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII), 0, exe, 78, 39);
        exe[0x3C] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    public static byte[] html() {
        return "<!DOCTYPE html><html><head><script>alert(document.cookie)</script></head><body>photo</body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
