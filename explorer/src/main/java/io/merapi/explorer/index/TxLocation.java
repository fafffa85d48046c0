package io.merapi.explorer.index;

import io.merapi.base.bytes.Hash;

/** Where an indexed transaction is: its block and its position in it. */
public record TxLocation(Hash transactionHash, long blockNumber, int index) {}
