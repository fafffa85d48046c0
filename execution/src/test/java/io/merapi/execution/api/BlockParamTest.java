package io.merapi.execution.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockParamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"latest\"|Named[tag=LATEST]",
        "\"pending\"|Named[tag=PENDING]",
        "\"0x0\"|Number[number=0]",
        "\"0x1f\"|Number[number=31]",
        "{\"blockNumber\":\"safe\"}|Named[tag=SAFE]",
      })
  void parsesTagsAndNumbers(String json, String expected) throws Exception {
    assertThat(BlockParam.numberOrHash(JSON.readTree(json)).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2\"|hex string without 0x prefix",
        "\"0x\"|hex string \"0x\"",
        "\"0x01\"|hex number with leading zero digits",
        "\"0x10000000000000000\"|hex number > 64 bits",
        "\"0xzz\"|invalid hex string",
        "\"0x8000000000000000\"|block number larger than int64",
        "{\"blockNumber\":\"0x1\",\"blockHash\":\"0x0000000000000000000000000000000000000000000000000000000000000000\"}"
            + "|cannot specify both BlockHash and BlockNumber, choose one or the other",
        "{}|invalid arguments; neither block nor hash specified",
        "7|expected a block number, tag or hash as a string, got a number",
      })
  void refusesWithGethsMessages(String json, String message) throws Exception {
    assertThatThrownBy(() -> BlockParam.numberOrHash(JSON.readTree(json))).hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void readsHashesWithTheirCanonicalRequirement() throws Exception {
    String hash = "0x" + "ab".repeat(32);
    assertThat(BlockParam.numberOrHash(JSON.readTree("\"" + hash + "\"")))
        .isEqualTo(new BlockParam.ByHash(Hash.fromHex(hash), false));
    assertThat(
            BlockParam.numberOrHash(
                JSON.readTree("{\"blockHash\":\"" + hash + "\",\"requireCanonical\":true}")))
        .isEqualTo(new BlockParam.ByHash(Hash.fromHex(hash), true));
  }
}
