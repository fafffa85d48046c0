package io.merapi.execution.blocktest;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/**
 * The outcome of one blockchain test as geth's {@code evm blocktest} reports it: the test's name,
 * whether it passed, the head's state root, the network, and why it failed.
 */
public record BlockTestResult(
    String name, boolean pass, Optional<Hash> stateRoot, String fork, Optional<String> error) {}
