package org.complaintledger.attachment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Removes what a file says about where and with what it was made, before it is hashed and stored: a citizen's photo
 * must not reveal their home. Every format is rewritten as a stream (or edited in place), never loaded whole, so an
 * upload costs a few kilobytes of heap whatever its size.
 *
 * <ul>
 *   <li>JPEG: keeps the image segments, JFIF (APP0), the ICC colour profile (APP2 {@code ICC_PROFILE}) and Adobe's
 *       colour transform (APP14); drops EXIF and XMP (APP1: GPS position, camera serial numbers, owner name), the
 *       multi-picture index and FlashPix (other APP2), APP3 to APP13 (IPTC, Photoshop), APP15 and comments, and
 *       whatever follows the end of the image (phones append depth maps and previews with EXIF of their own there).
 *       The EXIF orientation goes too, so a photo may show rotated.</li>
 *   <li>PNG: keeps the critical chunks and those that only describe colour and pixels (tRNS, gAMA, cHRM, sRGB,
 *       iCCP, sBIT, bKGD, pHYs, hIST, sPLT, and the APNG animation chunks); drops text (tEXt, zTXt, iTXt: XMP lives
 *       there), eXIf, tIME and any private chunk, and anything after IEND.</li>
 *   <li>WebP: drops the EXIF and XMP chunks and clears their flags in the VP8X header.</li>
 *   <li>MP4: overwrites the user-data and metadata boxes ({@code udta}, {@code meta} under the movie and its tracks,
 *       and top-level {@code meta} and {@code uuid} boxes, where XMP lives) with {@code free} boxes of zeros of the
 *       same size, so the sample offsets stay valid: phones record the place a video was shot in exactly those
 *       boxes ({@code ©xyz}, {@code com.apple.quicktime.location.ISO6709}).</li>
 *   <li>HEIC: the image itself lives in the {@code meta} box, so it cannot go; a HEIC that carries an EXIF or XMP
 *       item is refused ({@link NotStrippable}) rather than stored with its position.</li>
 *   <li>PDF: stored as uploaded. A document's metadata names its author and the program that made it, not where
 *       someone lives; an agency's signed letter is meant to say who signed it.</li>
 * </ul>
 */
final class MetadataStripper {

    /** The file holds metadata that cannot be removed without damaging it; it is refused, not stored. */
    static final class NotStrippable extends Exception {
        private static final long serialVersionUID = 1L;

        NotStrippable(String message) {
            super(message);
        }
    }

    /** The file does not follow its own format (a truncated photo, a forged header). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private MetadataStripper() {}

    /** Writes the stripped file to {@code out}; returns false when the type needs no stripping (out is untouched). */
    static boolean strip(String mediaType, Path in, Path out) throws IOException, NotStrippable, Malformed {
        switch (mediaType) {
            case "image/jpeg" -> jpeg(in, out);
            case "image/png" -> png(in, out);
            case "image/webp" -> webp(in, out);
            case "video/mp4" -> {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                mp4(out);
            }
            case "image/heic", "image/heif" -> {
                heic(in);
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    // -------------------------------------------------------------------------------------------------------------
    // JPEG

    private static void jpeg(Path in, Path out) throws IOException, Malformed {
        try (DataInputStream input = new DataInputStream(new BufferedInputStream(Files.newInputStream(in), 64 * 1024));
                OutputStream output = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            if (input.readUnsignedByte() != 0xFF || input.readUnsignedByte() != 0xD8) {
                throw new Malformed("a JPEG starts with FFD8");
            }
            output.write(0xFF);
            output.write(0xD8);
            boolean inScan = false;
            while (true) {
                int b = input.read();
                if (b < 0) {
                    throw new Malformed("the JPEG ends before its end-of-image marker");
                }
                if (b != 0xFF) {
                    if (!inScan) {
                        throw new Malformed("stray byte between JPEG segments");
                    }
                    output.write(b);
                    continue;
                }
                int marker = input.readUnsignedByte();
                while (marker == 0xFF) {
                    marker = input.readUnsignedByte();
                }
                if (inScan && (marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7))) {
                    // stuffed byte or restart marker: part of the entropy-coded data
                    output.write(0xFF);
                    output.write(marker);
                    continue;
                }
                if (marker == 0xD9) {
                    output.write(0xFF);
                    output.write(0xD9);
                    return; // anything after the end of the image is dropped
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    output.write(0xFF);
                    output.write(marker);
                    continue;
                }
                int length = input.readUnsignedShort();
                if (length < 2) {
                    throw new Malformed("JPEG segment with length " + length);
                }
                if (keepJpegSegment(marker, input, length, output)) {
                    inScan = marker == 0xDA;
                } else {
                    inScan = false;
                }
            }
        } catch (EOFException e) {
            throw new Malformed("the JPEG ends inside a segment");
        }
    }

    /** Copies or skips one marker segment whose length has been read; peeks at APP2 to keep only ICC profiles. */
    private static boolean keepJpegSegment(int marker, DataInputStream input, int length, OutputStream output)
            throws IOException {
        int payload = length - 2;
        boolean app = marker >= 0xE0 && marker <= 0xEF;
        if (marker == 0xFE || (app && marker != 0xE0 && marker != 0xE2 && marker != 0xEE)) {
            input.skipNBytes(payload);
            return false;
        }
        byte[] head = new byte[0];
        if (marker == 0xE2) {
            head = input.readNBytes(Math.min(12, payload));
            if (!new String(head, StandardCharsets.ISO_8859_1).startsWith("ICC_PROFILE")) {
                input.skipNBytes(payload - head.length);
                return false;
            }
        }
        output.write(0xFF);
        output.write(marker);
        output.write(length >> 8);
        output.write(length & 0xFF);
        output.write(head);
        copy(input, output, payload - head.length);
        return true;
    }

    // -------------------------------------------------------------------------------------------------------------
    // PNG

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final Set<String> PNG_KEPT = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST",
            "sPLT", "acTL", "fcTL", "fdAT");

    private static void png(Path in, Path out) throws IOException, Malformed {
        try (DataInputStream input = new DataInputStream(new BufferedInputStream(Files.newInputStream(in), 64 * 1024));
                OutputStream output = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            byte[] signature = input.readNBytes(8);
            if (!java.util.Arrays.equals(signature, PNG_SIGNATURE)) {
                throw new Malformed("not a PNG signature");
            }
            output.write(signature);
            while (true) {
                int length = input.readInt();
                byte[] type = input.readNBytes(4);
                if (length < 0 || type.length < 4) {
                    throw new Malformed("broken PNG chunk");
                }
                String name = new String(type, StandardCharsets.ISO_8859_1);
                boolean critical = Character.isUpperCase(name.charAt(0));
                if (critical || PNG_KEPT.contains(name)) {
                    writeInt(output, length);
                    output.write(type);
                    copy(input, output, (long) length + 4); // data and CRC
                } else {
                    input.skipNBytes((long) length + 4);
                }
                if (name.equals("IEND")) {
                    return;
                }
            }
        } catch (EOFException e) {
            throw new Malformed("the PNG ends before IEND");
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // WebP

    private static void webp(Path in, Path out) throws IOException, Malformed {
        try (DataInputStream input = new DataInputStream(new BufferedInputStream(Files.newInputStream(in), 64 * 1024));
                OutputStream output = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            byte[] header = input.readNBytes(12);
            if (header.length < 12
                    || !new String(header, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                    || !new String(header, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
                throw new Malformed("not a RIFF WEBP header");
            }
            long riffSize = littleEndian(header, 4);
            long remaining = riffSize - 4;
            output.write(header); // its size is patched once the kept chunks are known
            while (remaining >= 8) {
                byte[] chunk = input.readNBytes(8);
                if (chunk.length < 8) {
                    throw new Malformed("the WebP ends inside a chunk header");
                }
                String name = new String(chunk, 0, 4, StandardCharsets.ISO_8859_1);
                long size = littleEndian(chunk, 4);
                long padded = size + (size & 1);
                remaining -= 8 + padded;
                if (name.equals("EXIF") || name.equals("XMP ")) {
                    input.skipNBytes(padded);
                    continue;
                }
                output.write(chunk);
                if (name.equals("VP8X") && size >= 1) {
                    int flags = input.readUnsignedByte();
                    output.write(flags & ~0x0C); // the EXIF (0x08) and XMP (0x04) flags: those chunks are gone
                    copy(input, output, padded - 1);
                } else {
                    copy(input, output, padded);
                }
            }
        } catch (EOFException e) {
            throw new Malformed("the WebP ends inside a chunk");
        }
        try (RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw")) {
            long size = file.length() - 8;
            file.seek(4);
            file.write(new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        }
    }

    private static long littleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xFFL)
                | (bytes[at + 1] & 0xFFL) << 8
                | (bytes[at + 2] & 0xFFL) << 16
                | (bytes[at + 3] & 0xFFL) << 24;
    }

    // -------------------------------------------------------------------------------------------------------------
    // ISO base media (MP4, HEIC)

    private static final Set<String> MP4_NEUTRALISED_TOP = Set.of("meta", "uuid", "udta");
    private static final Set<String> MP4_NEUTRALISED_INNER = Set.of("meta", "udta");

    private static void mp4(Path file) throws IOException, Malformed {
        try (RandomAccessFile mp4 = new RandomAccessFile(file.toFile(), "rw")) {
            walk(mp4, 0, mp4.length(), 0);
        }
    }

    /** Depth 0: the file; 1: inside moov; 2: inside a trak. */
    private static void walk(RandomAccessFile mp4, long from, long to, int depth) throws IOException, Malformed {
        long at = from;
        while (at + 8 <= to) {
            mp4.seek(at);
            long size = mp4.readInt() & 0xFFFFFFFFL;
            byte[] type = new byte[4];
            mp4.readFully(type);
            int headerSize = 8;
            if (size == 1) {
                size = mp4.readLong();
                headerSize = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < headerSize || at + size > to) {
                throw new Malformed("an MP4 box runs past its parent");
            }
            String name = new String(type, StandardCharsets.ISO_8859_1);
            boolean neutralise = depth == 0 ? MP4_NEUTRALISED_TOP.contains(name) : MP4_NEUTRALISED_INNER.contains(name);
            if (neutralise) {
                mp4.seek(at + 4);
                mp4.write("free".getBytes(StandardCharsets.ISO_8859_1));
                mp4.seek(at + headerSize);
                zero(mp4, size - headerSize);
            } else if ((depth == 0 && name.equals("moov")) || (depth == 1 && name.equals("trak"))) {
                walk(mp4, at + headerSize, at + size, depth + 1);
            }
            at += size;
        }
    }

    private static void zero(RandomAccessFile file, long count) throws IOException {
        byte[] zeros = new byte[(int) Math.min(count, 64 * 1024)];
        for (long left = count; left > 0; left -= zeros.length) {
            file.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
    }

    /** Refuses a HEIC whose item list declares an EXIF or XMP item. */
    private static void heic(Path file) throws IOException, NotStrippable, Malformed {
        try (RandomAccessFile heic = new RandomAccessFile(file.toFile(), "r")) {
            long at = 0;
            while (at + 8 <= heic.length()) {
                heic.seek(at);
                long size = heic.readInt() & 0xFFFFFFFFL;
                byte[] type = new byte[4];
                heic.readFully(type);
                int headerSize = 8;
                if (size == 1) {
                    size = heic.readLong();
                    headerSize = 16;
                } else if (size == 0) {
                    size = heic.length() - at;
                }
                if (size < headerSize || at + size > heic.length()) {
                    throw new Malformed("a HEIC box runs past the file");
                }
                if (new String(type, StandardCharsets.ISO_8859_1).equals("meta")) {
                    // a full box: version and flags, then the boxes; the item types are plain four-character codes
                    // in the small meta box, so a scan for them inside iinf is enough to tell
                    long length = size - headerSize;
                    if (length > 4 * 1024 * 1024) {
                        throw new NotStrippable("a HEIC meta box larger than 4 MiB is not inspected");
                    }
                    byte[] meta = new byte[(int) length];
                    heic.seek(at + headerSize);
                    heic.readFully(meta);
                    String text = new String(meta, StandardCharsets.ISO_8859_1);
                    int iinf = text.indexOf("iinf");
                    if (iinf >= 0
                            && (text.indexOf("Exif", iinf) >= 0 || text.indexOf("application/rdf+xml", iinf) >= 0)) {
                        throw new NotStrippable(
                                "this HEIC photo carries EXIF or XMP metadata (which may hold the place "
                                        + "it was taken) that cannot be removed; send it as JPEG");
                    }
                    return;
                }
                at += size;
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    private static void copy(InputStream input, OutputStream output, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(count, 1), 64 * 1024)];
        long left = count;
        while (left > 0) {
            int read = input.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (read < 0) {
                throw new EOFException();
            }
            output.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void writeInt(OutputStream output, int value) throws IOException {
        output.write(value >>> 24);
        output.write(value >>> 16);
        output.write(value >>> 8);
        output.write(value);
    }
}
