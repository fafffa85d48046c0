package io.merapi.service.txmgr;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.rpc.RpcError;
import io.merapi.rpc.client.RpcTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishOutcomeTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "already known | ALREADY_KNOWN",
        "replacement transaction underpriced | UNDERPRICED",
        "transaction underpriced: tip needed 1, tip permitted 0 | UNDERPRICED",
        "nonce too low: next nonce 5, tx nonce 4 | NONCE_TOO_LOW",
        "insufficient funds for gas * price + value | INSUFFICIENT_FUNDS",
        "exceeds block gas limit | REFUSED",
        "invalid blob transaction | REFUSED",
      })
  void gethsPoolErrorsMapToWhatTheManagerDoes(String message, PublishOutcome expected) {
    assertThat(PublishOutcome.of(RpcError.server(message).exception())).isEqualTo(expected);
  }

  @Test
  void noAnswerIsTemporary() {
    assertThat(
            PublishOutcome.of(
                new RpcTransportException(
                    RpcTransportException.Kind.CONNECTION, "connection refused", null)))
        .isEqualTo(PublishOutcome.TEMPORARY);
  }
}
