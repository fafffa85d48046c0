package io.merapi.proposer.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.types.json.Json;
import org.junit.jupiter.api.Test;

class EngineOutputsTest {
  static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text);
  }

  @Test
  void readsAnEip1186Answer() throws Exception {
    var proof =
        EngineOutputs.readProof(
            json(
                """
                {"address":"0x4200000000000000000000000000000000000016","accountProof":["0xc0"],
                 "balance":"0x0","codeHash":"0x%s","nonce":"0x1","storageHash":"0x%s",
                 "storageProof":[]}
                """
                    .formatted("11".repeat(32), "22".repeat(32))));
    assertThat(proof.nonce()).isEqualTo(1);
    assertThat(proof.storageHash().toHex()).isEqualTo("0x" + "22".repeat(32));
    assertThat(proof.accountProof()).hasSize(1);
  }

  @Test
  void namesTheMalformedField() {
    assertThatThrownBy(
            () ->
                EngineOutputs.readProof(
                    json(
                        """
                        {"address":"0x4200000000000000000000000000000000000016","accountProof":[],
                         "balance":"0x0","codeHash":"0x11","nonce":"0x1","storageHash":"0x22"}
                        """)))
        .isInstanceOf(BadEngineAnswerException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> EngineOutputs.readProof(json("[]")))
        .isInstanceOf(BadEngineAnswerException.class)
        .hasMessageContaining("not an object");
  }
}
