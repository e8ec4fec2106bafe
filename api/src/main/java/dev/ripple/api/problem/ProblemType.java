package dev.ripple.api.problem;

/** The stable kinds of problem the API answers with; the {@code type} member of each problem body. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is invalid"),
    MALFORMED_REQUEST("malformed-request", "The request could not be read"),
    UNAUTHORIZED("unauthorized", "Authentication required"),
    FORBIDDEN("forbidden", "Forbidden"),
    NOT_FOUND("not-found", "Not found"),
    CONFLICT("conflict", "Conflict"),
    STALE_VERSION("stale-version", "The resource has changed since you read it"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key already used for another request"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large"),
    HEADERS_TOO_LARGE("headers-too-large", "Request header fields too large"),
    URI_TOO_LONG("uri-too-long", "Request line too long"),
    UNAVAILABLE("unavailable", "Temporarily unavailable"),
    INTERNAL_ERROR("internal-error", "Internal error"),
    OTHER("error", "Error");

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return "urn:ripple:problem:" + slug;
    }

    public String title() {
        return title;
    }
}
