package org.complaintledger.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stripper, the type detection and the segmented cipher on their own, files made and read back by other code. */
class MetadataStripperTest {

    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "in", ".bin"), bytes);
    }

    private byte[] strip(String type, byte[] bytes) throws Exception {
        Path out = dir.resolve("out-" + UUID.randomUUID());
        assertThat(MetadataStripper.strip(type, write(bytes), out)).isTrue();
        return Files.readAllBytes(out);
    }

    @Test
    void a_jpeg_keeps_its_picture_and_loses_its_gps_its_camera_and_what_follows_the_image() throws Exception {
        byte[] photo = Evidence.jpegWithGps();
        ByteArrayOutputStream withTrailer = new ByteArrayOutputStream();
        withTrailer.write(photo);
        withTrailer.write("trailing preview with GPS 1.4650N".getBytes(StandardCharsets.US_ASCII));
        byte[] stripped = strip("image/jpeg", withTrailer.toByteArray());
        assertThat(Evidence.gps(stripped)).isNull();
        assertThat(Evidence.hasExif(stripped)).isFalse();
        String text = new String(stripped, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("PhoneMaker").doesNotContain("SN-4471").doesNotContain("trailing");
        var original = ImageIO.read(new ByteArrayInputStream(photo));
        var image = ImageIO.read(new ByteArrayInputStream(stripped));
        assertThat(image.getWidth()).isEqualTo(original.getWidth());
        assertThat(image.getRGB(32, 24)).isEqualTo(original.getRGB(32, 24));
    }

    @Test
    void a_truncated_jpeg_is_malformed() throws Exception {
        byte[] photo = Evidence.jpegWithGps();
        byte[] cut = java.util.Arrays.copyOf(photo, photo.length / 2);
        assertThatThrownBy(() -> MetadataStripper.strip("image/jpeg", write(cut), dir.resolve("cut")))
                .isInstanceOf(MetadataStripper.Malformed.class);
    }

    @Test
    void a_png_loses_its_text_and_stays_readable() throws Exception {
        byte[] stripped = strip("image/png", Evidence.pngWithText("Jl. Melati 7"));
        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("Melati");
        assertThat(ImageIO.read(new ByteArrayInputStream(stripped)).getWidth()).isEqualTo(8);
    }

    @Test
    void a_webp_loses_its_exif_and_xmp_chunks_and_their_flags() throws Exception {
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x0C | 0x10; // EXIF, XMP and alpha
        byte[] webp = riff(
                chunk("VP8X", vp8x),
                chunk("VP8L", new byte[] {0x2F, 1, 2, 3, 4}),
                chunk("EXIF", "GPS 1.4650N".getBytes(StandardCharsets.US_ASCII)),
                chunk("XMP ", "<x:xmpmeta>Bengkalis</x:xmpmeta>".getBytes(StandardCharsets.US_ASCII)));
        byte[] stripped = strip("image/webp", webp);
        String text = new String(stripped, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("GPS").doesNotContain("xmpmeta").contains("VP8L");
        assertThat(stripped[20] & 0xFF)
                .as("VP8X flags: alpha kept, EXIF and XMP cleared")
                .isEqualTo(0x10);
        assertThat(ByteBuffer.wrap(stripped, 4, 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt())
                .isEqualTo(stripped.length - 8);
    }

    @Test
    void an_mp4_keeps_its_offsets_and_loses_its_user_data_and_metadata_boxes() throws Exception {
        byte[] udta = box("udta", box("\u00a9xyz", "+01.4650+102.1073/".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] trak = box(
                "trak",
                concat(box("tkhd", new byte[20]), box("udta", "serial SN-9".getBytes(StandardCharsets.ISO_8859_1))));
        byte[] moov = box(
                "moov",
                concat(
                        box("mvhd", new byte[20]),
                        trak,
                        udta,
                        box("meta", "com.apple.quicktime.location.ISO6709".getBytes(StandardCharsets.ISO_8859_1))));
        byte[] mp4 = concat(
                box("ftyp", "isom\0\0\0\0isommp42".getBytes(StandardCharsets.ISO_8859_1)),
                moov,
                box("mdat", new byte[64]));
        byte[] stripped = strip("video/mp4", mp4);
        assertThat(stripped).hasSameSizeAs(mp4);
        String text = new String(stripped, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .doesNotContain("+01.4650")
                .doesNotContain("SN-9")
                .doesNotContain("ISO6709")
                .doesNotContain("udta")
                .contains("free")
                .contains("mvhd")
                .contains("tkhd")
                .contains("mdat");
    }

    @Test
    void a_heic_that_carries_exif_is_refused_one_without_passes() throws Exception {
        byte[] ftyp = box("ftyp", "heic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1));
        byte[] withExif = concat(
                ftyp,
                box(
                        "meta",
                        concat(new byte[4], box("iinf", "infe hvc1 infe Exif".getBytes(StandardCharsets.ISO_8859_1)))));
        assertThatThrownBy(() -> MetadataStripper.strip("image/heic", write(withExif), dir.resolve("h")))
                .isInstanceOf(MetadataStripper.NotStrippable.class);
        byte[] plain = concat(
                ftyp, box("meta", concat(new byte[4], box("iinf", "infe hvc1".getBytes(StandardCharsets.ISO_8859_1)))));
        assertThat(MetadataStripper.strip("image/heic", write(plain), dir.resolve("p")))
                .isFalse();
    }

    @Test
    void the_type_comes_from_the_bytes_not_from_the_name() throws Exception {
        assertThat(MediaSniffer.detect(write(Evidence.jpegWithGps()))).isEqualTo("image/jpeg");
        assertThat(MediaSniffer.detect(write(Evidence.pdf()))).isEqualTo("application/pdf");
        Path exe = Files.write(dir.resolve("photo.jpg"), Evidence.executable());
        assertThat(MediaSniffer.detect(exe)).isNotEqualTo("image/jpeg");
        assertThat(MediaSniffer.detect(Files.write(dir.resolve("photo2.jpg"), Evidence.html())))
                .isEqualTo("text/html");
    }

    @Test
    void the_segmented_cipher_round_trips_and_refuses_a_cut_or_altered_file() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey key = generator.generateKey();
        UUID id = UUID.randomUUID();
        for (int size :
                new int[] {0, 1, SegmentedCipher.SEGMENT, SegmentedCipher.SEGMENT + 1, 3 * SegmentedCipher.SEGMENT + 17
                }) {
            byte[] plain = new byte[size];
            new Random(size).nextBytes(plain);
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            var sum = SegmentedCipher.encrypt(key, id, new ByteArrayInputStream(plain), sealed);
            assertThat(sum.size()).isEqualTo(size);
            assertThat(sum.sha256()).isEqualTo(Evidence.sha256(plain));
            ByteArrayOutputStream opened = new ByteArrayOutputStream();
            SegmentedCipher.decrypt(key, id, new ByteArrayInputStream(sealed.toByteArray()), opened);
            assertThat(opened.toByteArray()).isEqualTo(plain);
            if (size > SegmentedCipher.SEGMENT) {
                byte[] cut = java.util.Arrays.copyOf(
                        sealed.toByteArray(), SegmentedCipher.HEADER + SegmentedCipher.SEALED_SEGMENT);
                assertThatThrownBy(() -> SegmentedCipher.decrypt(
                                key, id, new ByteArrayInputStream(cut), new ByteArrayOutputStream()))
                        .as("cut after a whole segment")
                        .isInstanceOf(IOException.class);
                assertThatThrownBy(() -> SegmentedCipher.decrypt(
                                key,
                                UUID.randomUUID(),
                                new ByteArrayInputStream(sealed.toByteArray()),
                                new ByteArrayOutputStream()))
                        .as("moved to another attachment")
                        .isInstanceOf(IOException.class);
            }
            byte[] altered = sealed.toByteArray();
            altered[altered.length - 1] ^= 1;
            assertThatThrownBy(() -> SegmentedCipher.decrypt(
                            key, id, new ByteArrayInputStream(altered), new ByteArrayOutputStream()))
                    .isInstanceOf(IOException.class);
        }
    }

    private static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        ByteBuffer riff = ByteBuffer.allocate(12 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(body);
        return riff.array();
    }

    private static byte[] chunk(String name, byte[] data) {
        int padded = data.length + (data.length & 1);
        ByteBuffer chunk = ByteBuffer.allocate(8 + padded).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        chunk.put(name.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return chunk.array();
    }

    private static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length)
                .putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1))
                .put(payload)
                .array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
