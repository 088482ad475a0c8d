package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.testsupport.Accounts.SignedIn;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Files in conversations: type and size checked by content, stored through the file storage, readers only. */
class AttachmentApiTests extends MessagingTestBase {

    private io.lyceum.testsupport.http.Response upload(
            SignedIn user, UUID room, String name, byte[] bytes, String type) {
        return user.api()
                .multiPart("conversationId", room.toString())
                .multiPart("file", name, bytes, type)
                .multiPart("caption", "Worksheet for Tuesday")
                .post(MESSAGES + "/with-attachment");
    }

    private static byte[] png() {
        var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void participantsSendAndDownloadFilesAndOthersCannot() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII);

        var sent = upload(tutor, room, "worksheet.pdf", pdf, "application/pdf")
                .then()
                .statusCode(201)
                .body("message.messageType", equalTo("document"))
                .body("message.content.fileName", equalTo("worksheet.pdf"))
                .body("message.content.mimeType", equalTo("application/pdf"))
                .body("message.content.fileSize", equalTo(pdf.length))
                .body("message.content.mediaUrl", startsWith("/api/v1/messages/attachments/"))
                .extract();
        String url = sent.path("message.content.mediaUrl");
        byte[] downloaded = student.api()
                .get(url)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("worksheet.pdf"))
                .extract()
                .asByteArray();
        assertThat(downloaded).isEqualTo(pdf);
        student().api().get(url).then().statusCode(404).body("code", equalTo("attachment.not_found"));
        admin().api().get(url).then().statusCode(404).body("code", equalTo("attachment.not_found"));

        byte[] png = png();
        upload(student, room, "photo.png", png, "image/png")
                .then()
                .statusCode(201)
                .body("message.messageType", equalTo("image"))
                .body("message.content.mimeType", equalTo("image/png"));

        // deleting the message withdraws the file
        tutor.api().delete(MESSAGES + "/" + sent.path("message.id")).then().statusCode(204);
        student.api().get(url).then().statusCode(404).body("code", equalTo("attachment.not_found"));
    }

    @Test
    void wrongTypesSizesAndCallersAreRefused() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        byte[] exe = new byte[] {'M', 'Z', 0, 0, 1, 2, 3};
        upload(student, room, "notes.pdf", exe, "application/pdf")
                .then()
                .statusCode(422)
                .body("code", equalTo("attachment.unsupported_type"));
        upload(student, room, "huge.txt", new byte[10 * 1024 * 1024 + 1], "text/plain")
                .then()
                .statusCode(413)
                .body("code", equalTo("attachment.too_large"));
        upload(student, room, "empty.txt", new byte[0], "text/plain")
                .then()
                .statusCode(422)
                .body("code", equalTo("attachment.empty"));
        upload(student(), room, "x.txt", "hi".getBytes(), "text/plain")
                .then()
                .statusCode(404)
                .body("code", equalTo("conversation.not_found"));
        student.api()
                .multiPart("conversationId", room.toString())
                .post(MESSAGES + "/with-attachment")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        assertThat(count("SELECT count(*) FROM chat_attachments WHERE conversation_id = :c", Map.of("c", room)))
                .isZero();
        assertThat(count("SELECT count(*) FROM chat_messages WHERE conversation_id = :c", Map.of("c", room)))
                .isZero();
    }
}
