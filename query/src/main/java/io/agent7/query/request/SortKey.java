package io.agent7.query.request;

/**
 * One key of an order.
 *
 * @param field      the field's own name (an alias given in the request is resolved)
 * @param descending largest first
 */
public record SortKey(String field, boolean descending) {}
