package dev.ripple.api.paging;

/** Page sizes of every list of the API ({@code ?limit=}). */
public final class Paging {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private Paging() {
    }
}
