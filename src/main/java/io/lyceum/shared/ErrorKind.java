package io.lyceum.shared;

/** The class of a business error, mapped to an HTTP status at the web edge (see DESIGN.md section 3). */
public enum ErrorKind {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    /** A payment was declined by the provider (the card, not the request, is at fault). */
    PAYMENT_REQUIRED(402),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    UNPROCESSABLE(422),
    /** A conditional request without its condition (If-Match), where lost updates must be prevented. */
    PRECONDITION_REQUIRED(428),
    TOO_MANY_REQUESTS(429),
    UNAVAILABLE(503);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
