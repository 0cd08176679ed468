package org.complaintledger.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.complaintledger.notification.Language;
import org.junit.jupiter.api.Test;

/** Meta's limits on an interactive message, held by the buttons the adapter sends. */
class WhatsAppReplyButtonsTest {

    @Test
    void every_message_that_asks_has_at_most_three_buttons_titled_in_at_most_twenty_characters_in_each_language() {
        assertThat(WhatsAppChannel.REPLY_BUTTONS).isNotEmpty();
        WhatsAppChannel.REPLY_BUTTONS.forEach((message, buttons) -> {
            assertThat(buttons).as("%s", message).hasSizeBetween(1, 3);
            for (WhatsAppChannel.ReplyButton button : buttons) {
                for (Language language : Language.values()) {
                    assertThat(button.title(language)).isNotBlank().hasSizeLessThanOrEqualTo(20);
                }
            }
            assertThat(buttons.stream()
                            .map(WhatsAppChannel.ReplyButton::keyword)
                            .distinct())
                    .as("distinct ids")
                    .hasSameSizeAs(buttons);
        });
    }

    @Test
    void a_title_longer_than_meta_allows_is_refused_when_the_button_is_made() {
        assertThatThrownBy(() -> new WhatsAppChannel.ReplyButton("TERIMA 5", "Terima dengan nilai lima", "Accept"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_body_longer_than_1024_characters_is_cut_with_an_ellipsis() {
        assertThat(WhatsAppChannel.bodyText("a".repeat(1024))).hasSize(1024);
        assertThat(WhatsAppChannel.bodyText("a".repeat(3000))).hasSize(1024).endsWith("…");
        assertThat(WhatsAppChannel.bodyText("Tindak lanjut")).isEqualTo("Tindak lanjut");
    }
}
