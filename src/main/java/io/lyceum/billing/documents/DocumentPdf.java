package io.lyceum.billing.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfGState;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.lyceum.billing.documents.BillingDocument.Line;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Renders a quote or an invoice as a PDF with OpenPDF: the tenant as issuer, number, dates, recipient, the table of
 * lines, subtotal, tax and total, a status stamp (DRAFT, PAID, OVERDUE, CANCELLED, ...) and, on an unpaid invoice,
 * the pay link. Amounts are written as {@code 25.00 GBP} with the standard Helvetica fonts.
 */
@Component
class DocumentPdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final Color INK = new Color(0x22, 0x2B, 0x38);
    private static final Color MUTED = new Color(0x6B, 0x72, 0x80);
    private static final Color RULE = new Color(0xE5, 0xE7, 0xEB);
    private static final Color HEADER = new Color(0xF3, 0xF4, 0xF6);

    /**
     * What the PDF says about the parties.
     *
     * @param tenantName the agency, shown as the issuer
     * @param issuedBy the tutor's name for a tutor's own document, else null
     * @param recipientName the recipient's account name (the billing name, when given, is shown instead)
     * @param payLink where the recipient pays an unpaid invoice, else null
     */
    record Parties(
            String tenantName,
            @Nullable String issuedBy,
            String recipientName,
            @Nullable String payLink,
            ZoneId zone) {}

    byte[] render(BillingDocument doc, Parties parties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.A4, 48, 48, 54, 54);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            String title = doc.type().title() + " " + (doc.number() == null ? "(draft)" : doc.number());
            pdf.addTitle(title);
            pdf.addAuthor(parties.tenantName());
            pdf.addCreator("Lyceum");
            pdf.open();

            header(pdf, doc, parties);
            pdf.add(spacer(14));
            addresses(pdf, doc, parties);
            pdf.add(spacer(16));
            pdf.add(lines(doc));
            pdf.add(totals(doc));
            if (doc.notes() != null && !doc.notes().isBlank()) {
                pdf.add(spacer(14));
                pdf.add(new Paragraph("Notes", font(FontFactory.HELVETICA_BOLD, 10, INK)));
                pdf.add(new Paragraph(doc.notes(), font(FontFactory.HELVETICA, 10, INK)));
            }
            if (parties.payLink() != null) {
                pdf.add(spacer(14));
                Paragraph pay = new Paragraph();
                pay.add(new Chunk("Pay this invoice online: ", font(FontFactory.HELVETICA_BOLD, 10, INK)));
                Chunk link = new Chunk(parties.payLink(), font(FontFactory.HELVETICA, 10, new Color(0x1D, 0x4E, 0xD8)));
                link.setAnchor(parties.payLink());
                pay.add(link);
                pdf.add(pay);
            }
            stamp(writer, doc, parties.zone());
        } catch (DocumentException e) {
            throw new IllegalStateException("Could not render " + doc.type() + " " + doc.id(), e);
        } finally {
            if (pdf.isOpen()) {
                pdf.close();
            }
        }
        return out.toByteArray();
    }

    private static void header(Document pdf, BillingDocument doc, Parties parties) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {3, 2});
        table.setWidthPercentage(100);
        PdfPCell issuer = cell(Rectangle.NO_BORDER);
        issuer.addElement(new Paragraph(parties.tenantName(), font(FontFactory.HELVETICA_BOLD, 16, INK)));
        if (parties.issuedBy() != null) {
            issuer.addElement(new Paragraph("Issued by " + parties.issuedBy(), font(FontFactory.HELVETICA, 10, MUTED)));
        }
        table.addCell(issuer);

        PdfPCell meta = cell(Rectangle.NO_BORDER);
        Paragraph name =
                new Paragraph(doc.type().title().toUpperCase(Locale.ROOT), font(FontFactory.HELVETICA_BOLD, 20, INK));
        name.setAlignment(Element.ALIGN_RIGHT);
        meta.addElement(name);
        meta.addElement(right("Number: " + (doc.number() == null ? "not yet issued" : doc.number())));
        meta.addElement(right("Status: " + doc.status()));
        if (doc.issuedAt() != null) {
            meta.addElement(right("Issued: " + date(doc.issuedAt(), parties.zone())));
        }
        if (doc.dueDate() != null) {
            meta.addElement(right("Due: " + DATE.format(doc.dueDate())));
        }
        if (doc.validUntil() != null) {
            meta.addElement(right("Valid until: " + DATE.format(doc.validUntil())));
        }
        if (doc.paidAt() != null) {
            meta.addElement(right("Paid: " + date(doc.paidAt(), parties.zone())));
        }
        table.addCell(meta);
        pdf.add(table);
    }

    private static void addresses(Document pdf, BillingDocument doc, Parties parties) throws DocumentException {
        pdf.add(new Paragraph("Bill to", font(FontFactory.HELVETICA_BOLD, 10, MUTED)));
        String name =
                doc.billingName() == null || doc.billingName().isBlank() ? parties.recipientName() : doc.billingName();
        pdf.add(new Paragraph(name, font(FontFactory.HELVETICA_BOLD, 11, INK)));
        if (doc.billingAddress() != null && !doc.billingAddress().isBlank()) {
            pdf.add(new Paragraph(doc.billingAddress(), font(FontFactory.HELVETICA, 10, INK)));
        }
        if (doc.billingEmail() != null && !doc.billingEmail().isBlank()) {
            pdf.add(new Paragraph(doc.billingEmail(), font(FontFactory.HELVETICA, 10, INK)));
        }
    }

    private static PdfPTable lines(BillingDocument doc) {
        PdfPTable table = new PdfPTable(new float[] {6, 1.4f, 2.2f, 2.4f});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : new String[] {"Description", "Qty", "Unit price", "Amount"}) {
            PdfPCell cell = new PdfPCell(new Phrase(heading, font(FontFactory.HELVETICA_BOLD, 10, INK)));
            cell.setBackgroundColor(HEADER);
            cell.setBorderColor(RULE);
            cell.setPadding(6);
            if (!heading.equals("Description")) {
                cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
            }
            table.addCell(cell);
        }
        for (Line line : doc.lines()) {
            table.addCell(body(line.description(), Element.ALIGN_LEFT));
            table.addCell(body(quantity(line.quantityHundredths()), Element.ALIGN_RIGHT));
            table.addCell(body(doc.money(line.unitPrice()).toString(), Element.ALIGN_RIGHT));
            table.addCell(body(doc.money(line.amount()).toString(), Element.ALIGN_RIGHT));
        }
        return table;
    }

    private static PdfPTable totals(BillingDocument doc) {
        PdfPTable table = new PdfPTable(new float[] {8.6f, 3.4f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        total(table, "Subtotal", doc.money(doc.subtotal()).toString(), false);
        total(
                table,
                "Tax (" + percent(doc.taxRateBps()) + ")",
                doc.money(doc.tax()).toString(),
                false);
        total(table, "Total", doc.money(doc.total()).toString(), true);
        return table;
    }

    private static void total(PdfPTable table, String label, String amount, boolean strong) {
        Font font = font(strong ? FontFactory.HELVETICA_BOLD : FontFactory.HELVETICA, strong ? 12 : 10, INK);
        PdfPCell left = new PdfPCell(new Phrase(label, font));
        left.setBorder(Rectangle.NO_BORDER);
        left.setHorizontalAlignment(Element.ALIGN_RIGHT);
        left.setPadding(4);
        PdfPCell right = new PdfPCell(new Phrase(amount, font));
        right.setBorder(strong ? Rectangle.TOP : Rectangle.NO_BORDER);
        right.setBorderColor(INK);
        right.setHorizontalAlignment(Element.ALIGN_RIGHT);
        right.setPadding(4);
        table.addCell(left);
        table.addCell(right);
    }

    /** A rotated stamp across the page for states worth seeing at a glance. */
    private static void stamp(PdfWriter writer, BillingDocument doc, ZoneId zone) {
        String text;
        Color color;
        switch (doc.status()) {
            case PAID -> {
                // the status change to PAID stamps paid_at (DocumentStore.updateStatus)
                text = "PAID " + date(Objects.requireNonNull(doc.paidAt()), zone);
                color = new Color(0x15, 0x80, 0x3D);
            }
            case DRAFT -> {
                text = "DRAFT";
                color = MUTED;
            }
            case OVERDUE, CANCELLED, EXPIRED, REJECTED -> {
                text = doc.status().name();
                color = new Color(0xB9, 0x1C, 0x1C);
            }
            case ACCEPTED -> {
                text = "ACCEPTED";
                color = new Color(0x15, 0x80, 0x3D);
            }
            default -> {
                return;
            }
        }
        PdfContentByte canvas = writer.getDirectContent();
        canvas.saveState();
        PdfGState translucent = new PdfGState();
        translucent.setFillOpacity(0.45f);
        canvas.setGState(translucent);
        ColumnText.showTextAligned(
                canvas,
                Element.ALIGN_CENTER,
                new Phrase(text, font(FontFactory.HELVETICA_BOLD, 34, color)),
                PageSize.A4.getWidth() / 2,
                PageSize.A4.getHeight() / 2 - 120,
                20);
        canvas.restoreState();
    }

    private static PdfPCell body(String text, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font(FontFactory.HELVETICA, 10, INK)));
        cell.setBorderColor(RULE);
        cell.setPadding(6);
        cell.setHorizontalAlignment(alignment);
        return cell;
    }

    private static PdfPCell cell(int border) {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(border);
        return cell;
    }

    private static Paragraph right(String text) {
        Paragraph paragraph = new Paragraph(text, font(FontFactory.HELVETICA, 10, INK));
        paragraph.setAlignment(Element.ALIGN_RIGHT);
        return paragraph;
    }

    private static Paragraph spacer(float height) {
        Paragraph paragraph = new Paragraph(" ");
        paragraph.setSpacingAfter(height - 12);
        return paragraph;
    }

    private static Font font(String name, float size, Color color) {
        return FontFactory.getFont(name, size, color);
    }

    private static String date(Instant instant, ZoneId zone) {
        return DATE.format(LocalDate.ofInstant(instant, zone));
    }

    /** 1.5 for 150 hundredths, 2 for 200. */
    static String quantity(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
    }

    /** 20% for 2000 basis points, 12.5% for 1250. */
    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
