package io.lyceum.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.http.Response;
import java.io.IOException;
import java.util.Base64;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDFs, read back with PDFBox: number, lines, totals, status stamp and pay link are in the document. */
class InvoicePdfTests extends DocumentTestBase {

    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pdf(SignedIn user, String path) {
        Response response = user.api()
                .accept("application/pdf, application/problem+json")
                .get(path)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .response();
        assertThat(response.header("Content-Disposition")).startsWith("inline");
        return response.asByteArray();
    }

    @Test
    void anInvoicePdfShowsTheIssuerNumberLinesTotalsAndPayLinkAndThenThePaidStamp() {
        SignedIn admin = admin();
        SignedIn student = student();
        var sent = sent(admin, INVOICES, student.userId());
        String id = sent.getString("id");
        String number = sent.getString("number");

        String text = text(pdf(student, INVOICES + "/" + id + "/pdf"));
        assertThat(text)
                .contains("INVOICE")
                .contains(number)
                .contains("Status: SENT")
                .contains("Pat Parent")
                .contains("1 High Street, Oxford")
                .contains("Maths tuition, hours")
                .contains("Workbook")
                .contains("1.5")
                .contains("30.00 GBP")
                .contains("45.00 GBP")
                .contains("24.68 GBP")
                .contains("Subtotal")
                .contains("69.68 GBP")
                .contains("Tax (20%)")
                .contains("13.94 GBP")
                .contains("83.62 GBP")
                .contains("Due:")
                .contains("/api/v1/invoices/" + id + "/pay")
                .contains("Thank you for your custom.");
        // the tenant is the issuer
        String tenantName = jdbc.sql("SELECT name FROM tenants WHERE slug = 'default'")
                .query(String.class)
                .single();
        assertThat(text).contains(tenantName);

        // the emailed attachment is the same document
        String attached = latestEmail(student.email()).getString("attachments[0].contentBase64");
        assertThat(text(Base64.getDecoder().decode(attached))).contains(number).contains("83.62 GBP");

        pay(student, id);
        String paid = text(pdf(admin, INVOICES + "/" + id + "/pdf"));
        assertThat(paid)
                .contains("Status: PAID")
                .contains("PAID ")
                .contains("Paid:")
                .doesNotContain("/pay");
    }

    @Test
    void aDraftPdfIsStampedDraftAndOnlyTheIssuerSideSeesIt() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = create(admin, QUOTES, body(student.userId())).getString("id");
        String text = text(pdf(admin, QUOTES + "/" + id + "/pdf"));
        assertThat(text).contains("QUOTE").contains("not yet issued").contains("DRAFT");
        student.api()
                .accept("application/pdf, application/problem+json")
                .get(QUOTES + "/" + id + "/pdf")
                .then()
                .statusCode(404);

        var sent = send(admin, QUOTES, id);
        String quote = text(pdf(student, QUOTES + "/" + id + "/pdf"));
        assertThat(quote)
                .contains(sent.getString("number"))
                .contains("Valid until:")
                .contains("83.62 GBP");
        student()
                .api()
                .accept("application/pdf, application/problem+json")
                .get(QUOTES + "/" + id + "/pdf")
                .then()
                .statusCode(404);
    }
}
