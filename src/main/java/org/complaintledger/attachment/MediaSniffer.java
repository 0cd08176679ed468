package org.complaintledger.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The media type of a file from its bytes alone (Tika's magic numbers): no file name and no client header is given to
 * the detector, so a program or a web page renamed {@code photo.jpg} and sent as {@code image/jpeg} is what it is.
 */
final class MediaSniffer {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private MediaSniffer() {}

    static String detect(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MediaType type = TYPES.detect(in, new Metadata());
            return type.getBaseType().toString();
        }
    }
}
