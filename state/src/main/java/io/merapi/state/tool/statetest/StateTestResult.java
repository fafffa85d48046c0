package io.merapi.state.tool.statetest;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/**
 * The result of one state-test case as geth's {@code evm statetest} reports it: test name, fork,
 * pass, the post-state root computed (absent when the fork is not supported), and the error.
 */
public record StateTestResult(
    String name,
    String fork,
    int index,
    boolean pass,
    Optional<Hash> stateRoot,
    Optional<String> error) {}
