package io.assay.platform.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of a list read by cursor (keyset): the items, the limit asked for, and the
 * cursor of the next page, null on the last. No total: counting every row would cost what
 * keyset paging saves.
 */
public record CursorPage<T>(List<T> items, int limit, @Nullable String nextCursor) {
}
