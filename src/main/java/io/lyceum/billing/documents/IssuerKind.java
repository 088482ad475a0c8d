package io.lyceum.billing.documents;

/**
 * Who issues a document: the agency (an ADMIN or OWNER of the tenant, paid into platform revenue) or a TUTOR
 * invoicing their own students (paid into the tutor's available earnings, less commission).
 */
enum IssuerKind {
    AGENCY,
    TUTOR
}
