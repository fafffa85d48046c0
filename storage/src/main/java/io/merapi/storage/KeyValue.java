package io.merapi.storage;

import io.merapi.base.bytes.Bytes;

/** One stored pair, as iteration yields it. */
public record KeyValue(Bytes key, Bytes value) {}
