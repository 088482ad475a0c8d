package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Invoices and quotes as their issuers (tutors, admins, owners) and recipients use them: a list by status, drafting
 * with line items, one document with its lines, totals and history, and the moves the API allows (send, cancel,
 * convert an accepted quote, accept or reject a quote, the PDF). Totals, permissions and every rule are the API's; a
 * refused draft comes back with the API's field errors next to the fields, and nothing is saved. Sending and cancelling
 * carry the version the page showed as If-Match, so a document changed meanwhile is refused, not overwritten.
 */
@Controller
class BillingDocumentPages {

    static final Map<String, List<String>> STATUSES = Map.of(
            "invoices", List.of("DRAFT", "SENT", "OVERDUE", "PAID", "CANCELLED"),
            "quotes", List.of("DRAFT", "SENT", "ACCEPTED", "REJECTED", "EXPIRED"));

    /** Rows of lines the form offers (the API takes up to 100; blank rows are left out). */
    static final int LINE_ROWS = 6;

    private static final Pattern LINE_FIELD =
            Pattern.compile("lines\\[(\\d+)]\\.(description|quantity|unitPrice)(\\..*)?");
    private static final String KINDS = "{kind:invoices|quotes}";

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;
    private final MessageSource messages;

    BillingDocumentPages(Api api, Viewers viewers, PageAdvice advice, MessageSource messages) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
        this.messages = messages;
    }

    // ---- list

    @GetMapping("/billing/" + KINDS)
    String list(
            HttpServletRequest request,
            @PathVariable String kind,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/billing/" + kind;
        }
        // the route's pattern (KINDS) lets only the kinds STATUSES names through
        String filter =
                status != null && Objects.requireNonNull(STATUSES.get(kind)).contains(status) ? status : null;

        Map<String, Object> documents =
                api.get("/api/v1/" + kind, "status", filter, "page", Math.max(page, 0), "size", 25);
        UserNames names = new UserNames(api);
        for (Map<String, Object> document : BookingPages.list(documents)) {
            document.put("recipientName", recipientName(document, viewer, names));
            localDates(document);
        }
        model.addAttribute("kind", kind);
        model.addAttribute("documents", documents);
        model.addAttribute("rows", BookingPages.list(documents));
        model.addAttribute("statuses", STATUSES.get(kind));
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("issues", viewer.isTutor() || viewer.isAdmin());
        return "billingpages/list";
    }

    /** The due and valid-until days (dates, not instants) written in the viewer's locale, as {@code ...Text}. */
    private static void localDates(Map<String, Object> document) {
        var format = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale());
        for (String field : List.of("dueDate", "validUntil")) {
            Object day = document.get(field);
            document.put(
                    field + "Text",
                    day == null ? "" : java.time.LocalDate.parse(day.toString()).format(format));
        }
    }

    /** The billing name the issuer wrote, else (for an admin) the recipient's account name. */
    private static String recipientName(Map<String, Object> document, Viewer viewer, UserNames names) {
        Object billingName = document.get("billingName");
        if (billingName != null && !billingName.toString().isBlank()) {
            return billingName.toString();
        }
        return viewer.isAdmin() ? names.of(document.get("recipientId")) : "";
    }

    // ---- drafting

    @GetMapping("/billing/" + KINDS + "/new")
    String draftForm(HttpServletRequest request, @PathVariable String kind, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/billing/" + kind + "/new";
        }
        Map<String, Object> form = new LinkedHashMap<>();
        Object currency = api.get("/api/v1/tenants/current").get("defaultCurrency");
        form.put("currency", currency == null ? "" : currency);
        List<Map<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < LINE_ROWS; i++) {
            lines.add(new LinkedHashMap<>(Map.of("description", "", "quantity", "", "unitPrice", "")));
        }
        form.put("lines", lines);
        return draftPage(kind, viewer, form, Map.of(), model);
    }

    private String draftPage(
            String kind, Viewer viewer, Map<String, Object> form, Map<String, String> errors, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("recipients", viewer.isTutor() ? taughtStudents() : List.of());
        return "billingpages/new";
    }

    /**
     * A tutor may bill the students they have taught: the students of their completed lessons, newest lesson first,
     * named by that lesson (the API shows tutors no student's name).
     */
    private List<Map<String, String>> taughtStudents() {
        Map<String, Map<String, String>> students = new LinkedHashMap<>();
        Names names = new Names(api);
        for (Map<String, Object> booking : BookingPages.list(
                api.get("/api/v1/bookings", "state", "COMPLETED", "size", 100, "sort", "startsAt,desc"))) {
            String student = String.valueOf(booking.get("studentId"));
            if (!students.containsKey(student)) {
                students.put(
                        student,
                        Map.of(
                                "id",
                                student,
                                "subject",
                                names.subject(String.valueOf(booking.get("subjectId"))),
                                "startsAt",
                                String.valueOf(booking.get("startsAt"))));
            }
        }
        return new ArrayList<>(students.values());
    }

    @PostMapping("/billing/" + KINDS + "/new")
    String draft(HttpServletRequest request, HttpServletResponse response, @PathVariable String kind, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/billing/" + kind + "/new";
        }
        return submit(kind, viewer, request, response, model, null, body -> api.post("/api/v1/" + kind, body));
    }

    /** A DRAFT's form filled with what it holds; saving replaces it, guarded by the version shown. */
    @GetMapping("/billing/" + KINDS + "/{id}/edit")
    String editForm(HttpServletRequest request, @PathVariable String kind, @PathVariable UUID id, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/billing/" + kind + "/" + id + "/edit";
        }
        Map<String, Object> doc = api.get("/api/v1/" + kind + "/" + id);
        Map<String, Object> form = new LinkedHashMap<>();
        String recipient = String.valueOf(doc.get("recipientId"));
        form.put("recipientId", recipient);
        form.put("recipientEmail", viewer.isAdmin() ? recipientEmail(recipient) : "");
        String currency = String.valueOf(doc.get("currency"));
        form.put("currency", currency);
        form.put(
                "taxRate",
                doc.get("taxRateBps") instanceof Number bps && bps.intValue() != 0
                        ? BigDecimal.valueOf(bps.longValue(), 2)
                                .stripTrailingZeros()
                                .toPlainString()
                        : "");
        Object date = "invoices".equals(kind) ? doc.get("dueDate") : doc.get("validUntil");
        form.put("date", date == null ? "" : date.toString());
        for (String field : List.of("billingName", "billingEmail", "billingAddress", "notes")) {
            form.put(field, doc.get(field) == null ? "" : doc.get(field).toString());
        }
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        List<Map<String, String>> rows = new ArrayList<>();
        if (doc.get("lines") instanceof List<?> lines) {
            for (Object item : lines) {
                if (item instanceof Map<?, ?> line) {
                    Object price = line.get("unitPrice") instanceof Map<?, ?> money ? money.get("amount") : null;
                    rows.add(new LinkedHashMap<>(Map.of(
                            "description", String.valueOf(line.get("description")),
                            "quantity",
                                    new BigDecimal(String.valueOf(line.get("quantity")))
                                            .stripTrailingZeros()
                                            .toPlainString(),
                            "unitPrice",
                                    price instanceof Number n
                                            ? BigDecimal.valueOf(n.longValue(), digits)
                                                    .toPlainString()
                                            : "")));
                }
            }
        }
        while (rows.size() < LINE_ROWS) {
            rows.add(new LinkedHashMap<>(Map.of("description", "", "quantity", "", "unitPrice", "")));
        }
        form.put("lines", rows);
        model.addAttribute("editing", Map.of("id", id, "version", doc.get("version")));
        return draftPage(kind, viewer, form, Map.of(), model);
    }

    @PostMapping("/billing/" + KINDS + "/{id}/edit")
    String edit(
            HttpServletRequest request,
            HttpServletResponse response,
            @PathVariable String kind,
            @PathVariable UUID id,
            @RequestParam long version,
            Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/billing/" + kind + "/" + id + "/edit";
        }
        model.addAttribute("editing", Map.of("id", id, "version", version));
        return submit(
                kind,
                viewer,
                request,
                response,
                model,
                id,
                body -> api.sendIfMatch("PUT", "/api/v1/" + kind + "/" + id, body, version));
    }

    private String recipientEmail(String userId) {
        try {
            Object email = api.get("/api/v1/admin/users/" + userId).get("email");
            return email == null ? "" : email.toString();
        } catch (ApiProblem refused) {
            if (refused.status() == 401) {
                throw refused;
            }
            return "";
        }
    }

    /**
     * Reads the draft form, sends it with {@code save} (create or replace) and goes to the document; a refusal comes
     * back as the same form with the API's errors beside the fields. A value the page cannot read is never sent.
     */
    private String submit(
            String kind,
            Viewer viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            @Nullable UUID editing,
            java.util.function.Function<Map<String, Object>, Map<String, Object>> save) {
        String recipientId = param(request, "recipientId");
        String recipientEmail = param(request, "recipientEmail").strip();
        String currency = param(request, "currency");
        String taxRate = param(request, "taxRate");
        String date = param(request, "date");
        String billingName = param(request, "billingName");
        String billingEmail = param(request, "billingEmail");
        String billingAddress = param(request, "billingAddress");
        String notes = param(request, "notes");
        List<String> descriptions = params(request, "description");
        List<String> quantities = params(request, "quantity");
        List<String> unitPrices = params(request, "unitPrice");
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("recipientId", recipientId);
        form.put("recipientEmail", recipientEmail);
        form.put("currency", currency.strip().toUpperCase(Locale.ROOT));
        form.put("taxRate", taxRate.strip());
        form.put("date", date.strip());
        form.put("billingName", billingName);
        form.put("billingEmail", billingEmail.strip());
        form.put("billingAddress", billingAddress);
        form.put("notes", notes);
        List<Map<String, String>> rows = new ArrayList<>();
        int count = Math.max(descriptions.size(), Math.max(quantities.size(), unitPrices.size()));
        for (int i = 0; i < Math.max(count, LINE_ROWS); i++) {
            rows.add(new LinkedHashMap<>(Map.of(
                    "description", at(descriptions, i),
                    "quantity", at(quantities, i).strip(),
                    "unitPrice", at(unitPrices, i).strip())));
        }
        form.put("lines", rows);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipientId", recipient(viewer, form, errors));
        String code = form.get("currency").toString();
        Currency unit = null;
        try {
            unit = Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            // the API names the currency in its answer
        }
        body.put("currency", code);
        if (!taxRate.isBlank()) {
            try {
                body.put(
                        "taxRateBps",
                        new BigDecimal(taxRate.strip().replace(',', '.'))
                                .movePointRight(2)
                                .intValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                errors.put("taxRate", text("billingpages.error.percent"));
            }
        }
        // the form's rows that hold something, in order: the API's lines[i] is rows.get(sent.get(i))
        List<Integer> sent = new ArrayList<>();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            Map<String, String> typed = rows.get(row);
            if (typed.values().stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("description", typed.get("description"));
            line.put("quantity", decimal(typed.get("quantity"), "line." + row + ".quantity", errors));
            BigDecimal price = decimal(typed.get("unitPrice"), "line." + row + ".unitPrice", errors);
            if (price != null && unit != null) {
                try {
                    line.put(
                            "unitPrice",
                            Map.of(
                                    "amount",
                                    price.movePointRight(Math.max(unit.getDefaultFractionDigits(), 0))
                                            .longValueExact()));
                } catch (ArithmeticException e) {
                    errors.put("line." + row + ".unitPrice", text("billingpages.error.price"));
                }
            } else if (price != null) {
                line.put("unitPrice", Map.of("amount", price.movePointRight(2).longValue()));
            }
            lines.add(line);
            sent.add(row);
        }
        body.put("lines", lines);
        putIfPresent(body, "billingName", billingName);
        putIfPresent(body, "billingEmail", billingEmail.strip());
        putIfPresent(body, "billingAddress", billingAddress);
        putIfPresent(body, "notes", notes);
        putIfPresent(body, "invoices".equals(kind) ? "dueDate" : "validUntil", date.strip());
        if (!errors.isEmpty()) {
            // a value the page could not read is never sent: the API would store the rest as if it were blank
            response.setStatus(422);
            model.addAttribute("error", text("billingpages.error.unreadable"));
            return draftPage(kind, viewer, form, errors, model);
        }
        try {
            Map<String, Object> saved = save.apply(body);
            return "redirect:/billing/" + kind + "/" + (editing != null ? editing : saved.get("id")) + "?drafted";
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() >= 500) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("error", advice.message(problem));
            for (Map<String, Object> error : problem.fieldErrors()) {
                errors.putIfAbsent(
                        formField(String.valueOf(error.get("field")), sent), String.valueOf(error.get("message")));
            }
            return draftPage(kind, viewer, form, errors, model);
        }
    }

    /** The recipient's id: the tutor's choice, or the student or guardian an admin named by email. */
    private @Nullable String recipient(Viewer viewer, Map<String, Object> form, Map<String, String> errors) {
        // submit() puts both recipient fields in the form
        if (!viewer.isAdmin()) {
            String id = Objects.requireNonNull(form.get("recipientId")).toString();
            return id.isBlank() ? null : id;
        }
        String email = Objects.requireNonNull(form.get("recipientEmail")).toString();
        if (email.isBlank()) {
            return null; // the API says the recipient is missing
        }
        for (Map<String, Object> user : BookingPages.list(
                api.get("/api/v1/admin/users", "email", email, "role", List.of("STUDENT", "GUARDIAN"), "size", 20))) {
            if (email.equalsIgnoreCase(String.valueOf(user.get("email")))) {
                return String.valueOf(user.get("id"));
            }
        }
        errors.put("recipientId", text("billingpages.error.noRecipient"));
        return null;
    }

    /** The API's field name as the form's: {@code lines[1].quantity} is the form row that was sent second. */
    static String formField(String apiField, List<Integer> sentRows) {
        Matcher line = LINE_FIELD.matcher(apiField);
        if (line.matches()) {
            int index = Integer.parseInt(line.group(1));
            int row = index < sentRows.size() ? sentRows.get(index) : index;
            return "line." + row + "." + line.group(2);
        }
        return switch (apiField) {
            case "taxRateBps" -> "taxRate";
            case "dueDate", "validUntil" -> "date";
            case "recipientEmail" -> "recipientId";
            default -> apiField;
        };
    }

    private @Nullable BigDecimal decimal(@Nullable String typed, String field, Map<String, String> errors) {
        if (typed == null || typed.isBlank()) {
            return null; // the API says what is missing
        }
        try {
            return new BigDecimal(typed.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.put(field, text("billingpages.error.number"));
            return null;
        }
    }

    private static void putIfPresent(Map<String, Object> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    private static String param(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    private static List<String> params(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }

    private static String at(List<String> values, int index) {
        return index < values.size() && values.get(index) != null ? values.get(index) : "";
    }

    // ---- one document

    @GetMapping("/billing/" + KINDS + "/{id}")
    String document(HttpServletRequest request, @PathVariable String kind, @PathVariable UUID id, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/billing/" + kind + "/" + id;
        }
        Map<String, Object> document =
                api.getTagged("/api/v1/" + kind + "/" + id).body();
        document.put("recipientName", recipientName(document, viewer, new UserNames(api)));
        localDates(document);
        model.addAttribute("kind", kind);
        model.addAttribute("doc", document);
        model.addAttribute(
                "history", BookingPages.list(api.get("/api/v1/" + kind + "/" + id + "/history", "size", 50)));
        model.addAttribute("issues", viewer.isTutor() || viewer.isAdmin());
        model.addAttribute("answers", viewer.books());
        return "billingpages/document";
    }

    @PostMapping("/billing/" + KINDS + "/{id}/send")
    String send(
            @PathVariable String kind, @PathVariable UUID id, @RequestParam long version, RedirectAttributes flash) {
        return advice.act(
                () -> api.sendIfMatch("POST", "/api/v1/" + kind + "/" + id + "/send", null, version),
                "billingpages.sent",
                flash,
                "/billing/" + kind + "/" + id);
    }

    @PostMapping("/billing/invoices/{id}/cancel")
    String cancel(
            @PathVariable UUID id,
            @RequestParam long version,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfPresent(body, "reason", reason.strip());
        return advice.act(
                () -> api.sendIfMatch("POST", "/api/v1/invoices/" + id + "/cancel", body, version),
                "billingpages.cancelled",
                flash,
                "/billing/invoices/" + id);
    }

    @PostMapping("/billing/quotes/{id}/convert")
    String convert(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean send,
            @RequestParam(defaultValue = "") String dueDate,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("send", send);
        putIfPresent(body, "dueDate", dueDate.strip());
        try {
            Map<String, Object> invoice = api.post("/api/v1/quotes/" + id + "/convert", body);
            flash.addFlashAttribute("notice", "billingpages.converted");
            return "redirect:/billing/invoices/" + invoice.get("id");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            return "redirect:/billing/quotes/" + id;
        }
    }

    @PostMapping("/billing/quotes/{id}/{answer:accept|reject}")
    String answer(
            @PathVariable UUID id,
            @PathVariable String answer,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfPresent(body, "reason", reason.strip());
        return advice.act(
                () -> api.post("/api/v1/quotes/" + id + "/" + answer, body),
                "accept".equals(answer) ? "billingpages.accepted" : "billingpages.rejected",
                flash,
                "/billing/quotes/" + id);
    }

    @GetMapping("/billing/" + KINDS + "/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String kind, @PathVariable UUID id) {
        HttpResponse<byte[]> pdf = api.download("/api/v1/" + kind + "/" + id + "/pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        pdf.headers()
                                .firstValue(HttpHeaders.CONTENT_DISPOSITION)
                                .orElse("inline; filename=\"document.pdf\""))
                .body(pdf.body());
    }

    private String text(String key) {
        // with the key as its default, never null
        return Objects.requireNonNullElse(messages.getMessage(key, null, key, LocaleContextHolder.getLocale()), key);
    }
}
