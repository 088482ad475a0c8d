package io.lyceum.web;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The viewer's invoices: pay (through the same checkout page as lessons) and download the PDF. */
@Controller
class InvoicePages {

    private final Api api;

    InvoicePages(Api api) {
        this.api = api;
    }

    @GetMapping("/invoices")
    String invoices(Model model) {
        model.addAttribute("invoices", api.get("/api/v1/invoices", "size", 50).get("content"));
        return "invoices/list";
    }

    @GetMapping("/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        HttpResponse<byte[]> pdf = api.download("/api/v1/invoices/" + id + "/pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        pdf.headers()
                                .firstValue(HttpHeaders.CONTENT_DISPOSITION)
                                .orElse("inline; filename=\"invoice.pdf\""))
                .body(pdf.body());
    }
}
