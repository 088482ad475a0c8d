package io.lyceum.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.JsonPath;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Emails with attachments are stored with the message and shown by the development outbox reader. */
class OutboxAttachmentTests extends ApiTestBase {

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    private static JsonPath read(String recipient) {
        return Accounts.request(null)
                .queryParam("recipient", recipient)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void attachmentsKeepTheirOrderTypeAndBytes() {
        String to = Accounts.uniqueEmail("attach");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        TenantContext.runAs(
                TenantId.DEFAULT,
                () -> transactions.executeWithoutResult(status -> {
                    outbox.email(
                            to,
                            "With files",
                            "See attached.",
                            List.of(
                                    Attachment.text(
                                            "invite.ics", "text/calendar; method=REQUEST; charset=UTF-8", "BEGIN:X"),
                                    new Attachment("logo.png", "image/png", png)));
                    outbox.email(to, "Plain", "No files.");
                }));
        JsonPath mails = read(to);
        assertThat(mails.getList("content.subject")).containsExactlyInAnyOrder("With files", "Plain");
        int withFiles = mails.getList("content.subject").indexOf("With files");
        String prefix = "content[" + withFiles + "].attachments";
        assertThat(mails.getList(prefix + ".filename")).containsExactly("invite.ics", "logo.png");
        assertThat(mails.getString(prefix + "[0].content")).isEqualTo("BEGIN:X");
        assertThat(mails.getString(prefix + "[0].contentBase64")).isNull();
        assertThat(Base64.getDecoder().decode(mails.getString(prefix + "[1].contentBase64")))
                .isEqualTo(png);
        assertThat(mails.getInt(prefix + "[1].size")).isEqualTo(png.length);
        assertThat(mails.getList("content[" + (1 - withFiles) + "].attachments"))
                .isEmpty();
    }

    @Test
    void nothingIsStoredWhenTheTransactionRollsBack() {
        String to = Accounts.uniqueEmail("rollback");
        TenantContext.runAs(
                TenantId.DEFAULT,
                () -> transactions.executeWithoutResult(status -> {
                    outbox.email(to, "Never", "sent", List.of(Attachment.text("a.txt", "text/plain", "x")));
                    status.setRollbackOnly();
                }));
        assertThat(read(to).getList("content")).isEmpty();
    }

    @Test
    void attachmentsAreValidated() {
        assertThatThrownBy(() -> Attachment.text(" ", "text/plain", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new Attachment("big.bin", "application/octet-stream", new byte[Attachment.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = {1, 2};
        var attachment = new Attachment("a.bin", "application/octet-stream", bytes);
        bytes[0] = 9;
        assertThat(attachment.content()[0]).as("defensive copy").isEqualTo((byte) 1);
        assertThat(attachment).isEqualTo(new Attachment("a.bin", "application/octet-stream", new byte[] {1, 2}));
    }
}
