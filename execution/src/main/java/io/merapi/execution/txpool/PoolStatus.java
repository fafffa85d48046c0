package io.merapi.execution.txpool;

/** How many transactions the pool holds: executable now ({@code pending}) and waiting. */
public record PoolStatus(int pending, int queued) {}
