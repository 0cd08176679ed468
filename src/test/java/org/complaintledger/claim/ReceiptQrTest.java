package org.complaintledger.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The receipt's QR code scans back to the tracking link, read by ZXing's own decoder from the SVG's squares. */
@QuarkusTest
class ReceiptQrTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    @Test
    void the_qr_code_of_a_tracking_number_scans_to_its_public_tracking_link() throws Exception {
        String svg = RestAssured.get("/api/track/LPR-7KQ2-M9XD-4HPA/qr.svg")
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .extract()
                .asString();
        assertThat(decode(svg)).isEqualTo("http://localhost:8080/console/#/track/LPR-7KQ2-M9XD-4HPA");
    }

    @Test
    void a_malformed_tracking_number_draws_no_qr_code() {
        RestAssured.get("/api/track/not-one/qr.svg").then().statusCode(400).contentType("application/problem+json");
    }

    /** Paints the SVG's modules, eight pixels each, and lets ZXing read them. */
    static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        int scale = 8;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size * scale, size * scale, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
