package io.lyceum.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quotes through the API: drafting, sending, the recipient's answer, conversion, and every refusal. */
class QuoteApiTests extends DocumentTestBase {

    @Test
    void anAdminDraftsAndSendsAQuoteTheStudentAcceptsAndItConvertsToAnInvoiceOnce() {
        SignedIn admin = admin();
        SignedIn student = student();
        JsonPath draft = create(admin, QUOTES, body(student.userId()));
        String id = draft.getString("id");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getString("number")).isNull();
        assertThat(draft.getString("issuerKind")).isEqualTo("AGENCY");
        assertThat(draft.getLong("subtotal.amount")).isEqualTo(SUBTOTAL);
        assertThat(draft.getLong("tax.amount")).isEqualTo(TAX);
        assertThat(draft.getLong("total.amount")).isEqualTo(TOTAL);
        assertThat(draft.getString("total.currency")).isEqualTo("GBP");
        assertThat(draft.getLong("lines[0].amount.amount")).isEqualTo(4500);
        assertThat(draft.getDouble("lines[0].quantity")).isEqualTo(1.5);
        assertThat(draft.getLong("lines[1].amount.amount")).isEqualTo(2468);

        // the recipient does not see drafts
        student.api().get(QUOTES + "/" + id).then().statusCode(404);
        student.api().get(QUOTES).then().statusCode(200).body("content.id", not(hasItem(id)));

        JsonPath sent = send(admin, QUOTES, id);
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        assertThat(sent.getString("number")).matches("QUO-" + year + "-\\d{6}");
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getString("validUntil")).isNotNull();
        assertThat(sent.getString("issuedAt")).isNotNull();

        JsonPath email = latestEmail(student.email());
        assertThat(email.getString("subject")).contains(sent.getString("number"));
        assertThat(email.getString("attachments[0].contentType")).isEqualTo("application/pdf");
        assertThat(email.getString("attachments[0].filename")).isEqualTo(sent.getString("number") + ".pdf");

        student.api()
                .get(QUOTES)
                .then()
                .statusCode(200)
                .body("content.id", hasItem(id))
                .body("page.totalElements", equalTo(1));
        student.api()
                .queryParam("status", "ACCEPTED")
                .get(QUOTES)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(0));

        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "Looks good"))
                .post(QUOTES + "/" + id + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("respondedAt", notNullValue());

        JsonPath invoice = admin.api()
                .post(QUOTES + "/" + id + "/convert")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(invoice.getString("type")).isEqualTo("INVOICE");
        assertThat(invoice.getString("status")).isEqualTo("DRAFT");
        assertThat(invoice.getString("quoteId")).isEqualTo(id);
        assertThat(invoice.getLong("total.amount")).isEqualTo(TOTAL);
        assertThat(invoice.getList("lines")).hasSize(2);
        assertThat(invoice.getString("recipientId")).isEqualTo(student.userId().toString());

        admin.api()
                .post(QUOTES + "/" + id + "/convert")
                .then()
                .statusCode(409)
                .body("code", equalTo("quote.already_converted"));
        admin.api().get(QUOTES + "/" + id).then().statusCode(200).body("invoiceId", equalTo(invoice.getString("id")));

        List<String> history = admin.api()
                .get(QUOTES + "/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.reason");
        assertThat(history).hasSize(4);
        assertThat(history.get(2)).isEqualTo("Looks good");
        assertThat(history.get(3)).startsWith("converted to invoice");
    }

    @Test
    void convertingWithSendIssuesTheInvoiceAtOnce() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = sent(admin, QUOTES, student.userId()).getString("id");
        student.api().post(QUOTES + "/" + id + "/accept").then().statusCode(200);
        admin.api()
                .contentType("application/json")
                .body(Map.of(
                        "send",
                        true,
                        "dueDate",
                        LocalDate.now(ZoneOffset.UTC).plusDays(7).toString()))
                .post(QUOTES + "/" + id + "/convert")
                .then()
                .statusCode(201)
                .body("status", equalTo("SENT"))
                .body("number", matchesPattern("INV-\\d{4}-\\d{6}"))
                .body("orderId", notNullValue())
                .body("payLink", notNullValue());
    }

    @Test
    void aTutorQuotesOnlyStudentsTheyHaveTaughtAndSeesOnlyTheirOwnQuotes() {
        SignedIn student = student();
        Tutors.Approved tutor = tutorWhoTaught(student);
        SignedIn stranger = student();

        String id = create(tutor.tutor(), QUOTES, body(student.userId())).getString("id");
        tutor.tutor().api().get(QUOTES + "/" + id).then().statusCode(200).body("issuerKind", equalTo("TUTOR"));
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(body(stranger.userId()))
                .post(QUOTES)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("recipientId"));

        // another tutor sees nothing of it; the tutor's list holds only their quotes; an admin sees it
        SignedIn otherTutor = Tutors.approved(jdbc).tutor();
        otherTutor.api().get(QUOTES + "/" + id).then().statusCode(404);
        otherTutor
                .api()
                .contentType("application/json")
                .body(body(student.userId()))
                .put(QUOTES + "/" + id)
                .then()
                .statusCode(404);
        otherTutor.api().post(QUOTES + "/" + id + "/send").then().statusCode(404);
        tutor.tutor()
                .api()
                .get(QUOTES)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(id));
        admin().api().get(QUOTES + "/" + id).then().statusCode(200);

        // a guardian with no link to a student the tutor taught may not receive one
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(body(guardian.userId()))
                .post(QUOTES)
                .then()
                .statusCode(422);
    }

    @Test
    void wrongRolesAreForbidden() {
        SignedIn admin = admin();
        SignedIn student = student();
        student.api()
                .contentType("application/json")
                .body(body(student.userId()))
                .post(QUOTES)
                .then()
                .statusCode(403);
        String id = sent(admin, QUOTES, student.userId()).getString("id");
        student.api().post(QUOTES + "/" + id + "/send").then().statusCode(403);
        student.api().post(QUOTES + "/" + id + "/convert").then().statusCode(403);
        student.api()
                .contentType("application/json")
                .body(body(student.userId()))
                .put(QUOTES + "/" + id)
                .then()
                .statusCode(403);
        // the issuer cannot answer their own quote
        admin.api().post(QUOTES + "/" + id + "/accept").then().statusCode(403);
        admin.api().post(QUOTES + "/" + id + "/reject").then().statusCode(403);
        api().get(QUOTES + "/" + id).then().statusCode(401);
    }

    @Test
    void anotherUsersQuoteIsNotFound() {
        SignedIn admin = admin();
        SignedIn student = student();
        SignedIn other = student();
        String id = sent(admin, QUOTES, student.userId()).getString("id");
        other.api().get(QUOTES + "/" + id).then().statusCode(404).body("code", equalTo("quote.not_found"));
        other.api().post(QUOTES + "/" + id + "/accept").then().statusCode(404);
        other.api().post(QUOTES + "/" + id + "/reject").then().statusCode(404);
        other.api().get(QUOTES + "/" + id + "/history").then().statusCode(404);
        other.api().get(QUOTES).then().statusCode(200).body("content.id", not(hasItem(id)));
        admin.api().get(QUOTES + "/" + UUID.randomUUID()).then().statusCode(404);
        // an invoice route does not serve a quote
        admin.api().get(INVOICES + "/" + id).then().statusCode(404);
    }

    @Test
    void anotherTenantsQuoteIsNotFound() {
        SignedIn admin = admin();
        String id = sent(admin, QUOTES, student().userId()).getString("id");
        SignedIn foreignOwner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("quotes"));
        foreignOwner.api().get(QUOTES + "/" + id).then().statusCode(404);
        foreignOwner.api().post(QUOTES + "/" + id + "/convert").then().statusCode(404);
        foreignOwner.api().get(QUOTES).then().statusCode(200).body("content.id", not(hasItem(id)));
        // nor can a draft of one tenant be addressed to another tenant's user
        SignedIn foreignStudent = student();
        foreignOwner
                .api()
                .contentType("application/json")
                .body(body(foreignStudent.userId()))
                .post(QUOTES)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("recipientId"));
    }

    @Test
    void badInputIsRefusedWithTheFieldsAtFault() {
        SignedIn admin = admin();
        SignedIn student = student();

        Map<String, Object> noLines = body(student.userId());
        noLines.put("lines", List.of());
        expect422(admin, noLines, "lines");

        Map<String, Object> threeDecimals = body(student.userId());
        threeDecimals.put("lines", List.of(line("Hours", "1.555", 3000)));
        expect422(admin, threeDecimals, "lines[0].quantity");

        Map<String, Object> negative = body(student.userId());
        negative.put("lines", List.of(line("Discount", "1", -500)));
        expect422(admin, negative, "lines[0].unitPrice.amount");

        Map<String, Object> lowercase = body(student.userId());
        lowercase.put("currency", "gbp");
        expect422(admin, lowercase, "currency");

        Map<String, Object> mixed = body(student.userId());
        mixed.put("currency", "EUR");
        expect422(admin, mixed, "lines[0].unitPrice.currency");

        Map<String, Object> tax = body(student.userId());
        tax.put("taxRateBps", 10_001);
        expect422(admin, tax, "taxRateBps");

        Map<String, Object> past = body(student.userId());
        past.put("validUntil", daysAgo(2).toString());
        expect422(admin, past, "validUntil");

        Map<String, Object> tutorRecipient = body(Tutors.approved(jdbc).id());
        expect422(admin, tutorRecipient, "recipientId");

        Map<String, Object> noBooking = body(student.userId());
        Map<String, Object> linked = line("Lesson", "1", 3000);
        linked.put("bookingId", UUID.randomUUID());
        noBooking.put("lines", List.of(linked));
        expect422(admin, noBooking, "lines[0].bookingId");

        admin.api()
                .contentType("application/json")
                .body("{\"recipientId\": 12}")
                .post(QUOTES)
                .then()
                .statusCode(400);
    }

    private static void expect422(SignedIn admin, Map<String, Object> body, String field) {
        admin.api()
                .contentType("application/json")
                .body(body)
                .post(QUOTES)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem(field));
    }

    @Test
    void aLineMayBillABookingOfTheTutor() {
        SignedIn student = student();
        Tutors.Approved tutor = tutorWhoTaught(student);
        UUID booking = completedLesson(tutor, student.userId());
        Map<String, Object> body = body(student.userId());
        Map<String, Object> linked = line("Lesson", "1", 3000);
        linked.put("bookingId", booking);
        body.put("lines", List.of(linked));
        assertThat(create(tutor.tutor(), QUOTES, body).getString("lines[0].bookingId"))
                .isEqualTo(booking.toString());
        // another tutor's booking is not theirs to bill
        SignedIn otherStudent = student();
        Tutors.Approved otherTutor = tutorWhoTaught(otherStudent);
        Map<String, Object> foreign = body(otherStudent.userId());
        foreign.put("lines", List.of(linked));
        otherTutor
                .tutor()
                .api()
                .contentType("application/json")
                .body(foreign)
                .post(QUOTES)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("lines[0].bookingId"));
    }

    @Test
    void illegalTransitionsAreConflicts() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = create(admin, QUOTES, body(student.userId())).getString("id");
        admin.api()
                .post(QUOTES + "/" + id + "/convert")
                .then()
                .statusCode(409)
                .body("code", equalTo("quote.illegal_transition"));
        send(admin, QUOTES, id);
        admin.api()
                .post(QUOTES + "/" + id + "/send")
                .then()
                .statusCode(409)
                .body("code", equalTo("quote.illegal_transition"));
        admin.api().post(QUOTES + "/" + id + "/convert").then().statusCode(409);
        student.api().post(QUOTES + "/" + id + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"));
        student.api()
                .post(QUOTES + "/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("quote.illegal_transition"));
        student.api().post(QUOTES + "/" + id + "/reject").then().statusCode(409);
        admin.api().post(QUOTES + "/" + id + "/convert").then().statusCode(409);
    }

    @Test
    void aQuotePastItsValidUntilCannotBeAccepted() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = sent(admin, QUOTES, student.userId(), today()).getString("id");
        daysPass(2);
        student.api().post(QUOTES + "/" + id + "/accept").then().statusCode(409).body("code", equalTo("quote.expired"));
    }

    @Test
    void onlyADraftChangesAndAStaleVersionIsAPreconditionFailure() {
        SignedIn admin = admin();
        SignedIn student = student();
        JsonPath draft = create(admin, QUOTES, body(student.userId()));
        String id = draft.getString("id");
        Map<String, Object> changed = body(student.userId());
        changed.put("taxRateBps", 0);
        changed.put("lines", List.of(line("Essay feedback", "0.25", 4001)));

        admin.api()
                .header("If-Match", "\"" + (draft.getLong("version") + 1) + "\"")
                .contentType("application/json")
                .body(changed)
                .put(QUOTES + "/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("quote.version_mismatch"));
        admin.api()
                .header("If-Match", "\"" + draft.getLong("version") + "\"")
                .contentType("application/json")
                .body(changed)
                .put(QUOTES + "/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (draft.getLong("version") + 1) + "\"")
                // 0.25 x 40.01 = 10.0025 -> 10.00
                .body("lines[0].amount.amount", equalTo(1000))
                .body("total.amount", equalTo(1000))
                .body("lines.size()", equalTo(1));
        // the old ETag is stale for sending too
        admin.api()
                .header("If-Match", "\"" + draft.getLong("version") + "\"")
                .post(QUOTES + "/" + id + "/send")
                .then()
                .statusCode(412);
        send(admin, QUOTES, id);
        admin.api()
                .contentType("application/json")
                .body(changed)
                .put(QUOTES + "/" + id)
                .then()
                .statusCode(409)
                .body("code", equalTo("quote.not_draft"));
        admin.api()
                .header("If-Match", "garbage")
                .contentType("application/json")
                .body(changed)
                .put(QUOTES + "/" + id)
                .then()
                .statusCode(400);
    }

    @Test
    void replayingACreateWithTheSameIdempotencyKeyMakesOneQuote() {
        SignedIn admin = admin();
        SignedIn student = student();
        String key = UUID.randomUUID().toString();
        String first = admin.api()
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body(student.userId()))
                .post(QUOTES)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.api()
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body(student.userId()))
                .post(QUOTES)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        admin.api()
                .queryParam("size", 100)
                .get(QUOTES)
                .then()
                .statusCode(200)
                .body("content.findAll { it.recipientId == '" + student.userId() + "' }.size()", equalTo(1));
        admin.api().get(QUOTES + "/" + first).then().body("number", nullValue());
    }
}
