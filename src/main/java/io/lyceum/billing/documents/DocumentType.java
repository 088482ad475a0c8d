package io.lyceum.billing.documents;

/** The two kinds of billing document; each has its own gapless numbering ({@code QUO-2026-000045}). */
enum DocumentType {
    QUOTE("QUO", "Quote", "quote"),
    INVOICE("INV", "Invoice", "invoice");

    private final String prefix;
    private final String title;
    private final String code;

    DocumentType(String prefix, String title, String code) {
        this.prefix = prefix;
        this.title = title;
        this.code = code;
    }

    /** The number's prefix: {@code INV}, {@code QUO}. */
    String prefix() {
        return prefix;
    }

    /** Capitalised name for documents and emails. */
    String title() {
        return title;
    }

    /** The prefix of error codes: {@code invoice.not_found}. */
    String code() {
        return code;
    }

    /** A document number: prefix, year and the sequence padded to six digits ({@code INV-2026-000123}). */
    String format(int year, int sequence) {
        return "%s-%d-%06d".formatted(prefix, year, sequence);
    }
}
