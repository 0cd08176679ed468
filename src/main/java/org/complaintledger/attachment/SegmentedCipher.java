package org.complaintledger.attachment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over a file in segments of 256 KiB, each sealed on its own, so that neither encrypting nor decrypting
 * holds more than one segment in memory. One GCM call over a whole file would not do: the JDK's GCM decryption
 * buffers all the ciphertext until it has checked the tag, which for twenty 10 MB uploads is most of a small heap.
 *
 * <p>Layout: a 12-byte header ({@code CLA1} and an 8-byte random nonce prefix), then the segments, each
 * {@code ciphertext || tag}. A segment's nonce is the prefix and its index; its associated data binds the attachment
 * id, the index and whether it is the last segment, so segments cannot be reordered, dropped, cut off at the end or
 * moved to another file without the decryption failing. The random prefix keeps nonces apart across the many files
 * sealed under one complainant's key.
 */
final class SegmentedCipher {

    static final int SEGMENT = 256 * 1024;
    private static final int TAG_BYTES = 16;
    static final int SEALED_SEGMENT = SEGMENT + TAG_BYTES;
    private static final byte[] MAGIC = "CLA1".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX_BYTES = 8;
    static final int HEADER = MAGIC.length + PREFIX_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The sha256 (lower-case hex) and size of the plaintext, which is what the ledger records. */
    record Sealed(String sha256, long size) {}

    private SegmentedCipher() {}

    static Sealed encrypt(SecretKey key, UUID attachmentId, InputStream plaintext, OutputStream out)
            throws IOException {
        MessageDigest sha256 = sha256();
        byte[] prefix = new byte[PREFIX_BYTES];
        RANDOM.nextBytes(prefix);
        out.write(MAGIC);
        out.write(prefix);
        byte[] current = new byte[SEGMENT];
        byte[] next = new byte[SEGMENT];
        int currentLength = plaintext.readNBytes(current, 0, SEGMENT);
        long size = 0;
        int index = 0;
        while (true) {
            // one segment of look-ahead tells whether this one is the last, which its associated data must say
            int nextLength = currentLength == SEGMENT ? plaintext.readNBytes(next, 0, SEGMENT) : 0;
            boolean last = nextLength == 0;
            sha256.update(current, 0, currentLength);
            size += currentLength;
            out.write(seal(key, prefix, attachmentId, index, last, current, currentLength));
            if (last) {
                break;
            }
            byte[] swap = current;
            current = next;
            next = swap;
            currentLength = nextLength;
            index++;
        }
        return new Sealed(HexFormat.of().formatHex(sha256.digest()), size);
    }

    /**
     * The plaintext of {@code sealed}, opened one segment at a time as it is read; a read throws if anything was
     * altered, reordered or cut.
     */
    static InputStream decrypting(SecretKey key, UUID attachmentId, InputStream sealed) throws IOException {
        byte[] header = sealed.readNBytes(HEADER);
        if (header.length != HEADER || !ByteBuffer.wrap(header, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            sealed.close();
            throw new IOException("not a sealed attachment");
        }
        byte[] prefix = java.util.Arrays.copyOfRange(header, MAGIC.length, HEADER);
        return new InputStream() {
            private byte[] current = new byte[SEALED_SEGMENT];
            private byte[] next = new byte[SEALED_SEGMENT];
            private int currentLength = -1;
            private int index;
            private byte[] plain = new byte[0];
            private int position;
            private boolean finished;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == plain.length) {
                    if (finished) {
                        return -1;
                    }
                    openNext();
                }
                int count = Math.min(length, plain.length - position);
                System.arraycopy(plain, position, target, offset, count);
                position += count;
                return count;
            }

            private void openNext() throws IOException {
                if (currentLength < 0) {
                    currentLength = sealed.readNBytes(current, 0, SEALED_SEGMENT);
                }
                if (currentLength < TAG_BYTES) {
                    throw new EOFException("sealed attachment cut short");
                }
                // one segment of look-ahead tells whether this one is the last, as its associated data says
                int nextLength = currentLength == SEALED_SEGMENT ? sealed.readNBytes(next, 0, SEALED_SEGMENT) : 0;
                boolean last = nextLength == 0;
                plain = open(key, prefix, attachmentId, index, last, current, currentLength);
                position = 0;
                finished = last;
                byte[] swap = current;
                current = next;
                next = swap;
                currentLength = nextLength;
                index++;
            }

            @Override
            public void close() throws IOException {
                sealed.close();
            }
        };
    }

    static void decrypt(SecretKey key, UUID attachmentId, InputStream sealed, OutputStream out) throws IOException {
        try (InputStream plain = decrypting(key, attachmentId, sealed)) {
            plain.transferTo(out);
        }
    }

    /** A small value (a file name and caption) sealed in one piece, as {@code v1.} and unpadded base64url. */
    static String sealText(SecretKey key, String associatedData, byte[] plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] all = ByteBuffer.allocate(iv.length + ciphertext.length)
                    .put(iv)
                    .put(ciphertext)
                    .array();
            return "v1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    static byte[] openText(SecretKey key, String associatedData, String sealed) {
        try {
            byte[] all = java.util.Base64.getUrlDecoder().decode(sealed.substring("v1.".length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, all, 0, 12));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, 12, all.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening failed: wrong key or altered ciphertext", e);
        }
    }

    private static byte[] seal(
            SecretKey key, byte[] prefix, UUID id, int index, boolean last, byte[] data, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(prefix, index)));
            cipher.updateAAD(associatedData(id, index, last));
            return cipher.doFinal(data, 0, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] prefix, UUID id, int index, boolean last, byte[] data, int length)
            throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(prefix, index)));
            cipher.updateAAD(associatedData(id, index, last));
            return cipher.doFinal(data, 0, length);
        } catch (GeneralSecurityException e) {
            throw new IOException("segment " + index + " of attachment " + id + " does not open: altered or cut", e);
        }
    }

    private static byte[] nonce(byte[] prefix, int index) {
        return ByteBuffer.allocate(12).put(prefix).putInt(index).array();
    }

    private static byte[] associatedData(UUID id, int index, boolean last) {
        return ByteBuffer.allocate(16 + 4 + 1)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .putInt(index)
                .put((byte) (last ? 1 : 0))
                .array();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
