package io.lyceum.catalog;

/** What a course material is: an uploaded file or document, a video (uploaded MP4 or https link), or a link. */
enum MaterialKind {
    FILE,
    VIDEO,
    DOCUMENT,
    LINK
}
