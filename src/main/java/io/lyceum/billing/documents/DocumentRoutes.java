package io.lyceum.billing.documents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.documents.DocumentViews.DocumentView;
import io.lyceum.platform.RequestFieldErrors;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;

/**
 * What the quote and invoice routes share, for one {@link DocumentType}: the controllers keep their own paths and
 * OpenAPI texts and answer through these, so both kinds answer alike (ETag = version, {@code Location} on create).
 */
final class DocumentRoutes {

    private final Documents documents;
    private final DocumentType type;
    private final String path;

    DocumentRoutes(Documents documents, DocumentType type, String path) {
        this.documents = documents;
        this.type = type;
        this.path = path;
    }

    /** A document with its ETag and pay link. */
    ResponseEntity<DocumentView> view(BillingDocument doc) {
        return ResponseEntity.ok()
                .eTag(DocumentViews.etag(doc.version()))
                .body(DocumentView.of(doc, documents.payLink(doc)));
    }

    ResponseEntity<DocumentView> create(CurrentUser user, Documents.Draft draft, BindingResult fieldErrors) {
        BillingDocument doc = documents.create(user, type, draft, RequestFieldErrors.of(fieldErrors));
        return ResponseEntity.created(URI.create(path + doc.id()))
                .eTag(DocumentViews.etag(doc.version()))
                .body(DocumentView.of(doc, null));
    }

    PageResponse<DocumentView> list(
            CurrentUser user, List<DocumentStatus> status, PageQuery page, boolean withPayLink) {
        return documents
                .list(user, type, status, page.requireSortable(Set.of()))
                .map(doc -> DocumentView.of(doc, withPayLink ? documents.payLink(doc) : null));
    }

    ResponseEntity<DocumentView> get(CurrentUser user, UUID id) {
        return view(documents.get(user, type, id));
    }

    ResponseEntity<DocumentView> update(
            CurrentUser user, UUID id, Documents.Draft draft, BindingResult fieldErrors, String ifMatch) {
        return view(documents.update(
                user, type, id, draft, RequestFieldErrors.of(fieldErrors), DocumentViews.version(ifMatch)));
    }

    ResponseEntity<DocumentView> send(CurrentUser user, UUID id, String ifMatch) {
        return view(documents.send(user, type, id, DocumentViews.version(ifMatch)));
    }

    PageResponse<StateChange> history(CurrentUser user, UUID id, PageQuery query) {
        return documents
                .history(user, type, id, query.requireSortable(Set.of()))
                .map(DocumentViews.DocumentHistory::of);
    }

    /** The document as an inline PDF named after its number. */
    ResponseEntity<byte[]> pdf(CurrentUser user, UUID id) {
        BillingDocument doc = documents.get(user, type, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        "Content-Disposition",
                        ContentDisposition.inline()
                                .filename(DocumentMail.filename(doc))
                                .build()
                                .toString())
                .body(documents.pdf(user, type, id));
    }
}
