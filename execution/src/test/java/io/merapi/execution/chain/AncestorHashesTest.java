package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Header;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AncestorHashesTest {
  @Test
  void followsParentHashesInAnyOrderOfLookups() {
    Map<Hash, Header> headers = new HashMap<>();
    List<Hash> hashes = new ArrayList<>();
    Hash parent = Hash.ZERO;
    for (int n = 0; n <= 300; n++) {
      Header h = Header.builder().number(n).parentHash(parent).gasLimit(n).build();
      Hash hash = h.hash();
      headers.put(hash, h);
      hashes.add(hash);
      parent = hash;
    }
    int[] loads = {0};
    AncestorHashes lookup =
        new AncestorHashes(
            hashes.get(300),
            hash -> {
              loads[0]++;
              return Optional.ofNullable(headers.get(hash));
            });
    for (long n : new long[] {299, 300, 45, 120, 46, 44, 300, 0}) {
      assertThat(lookup.hashOf(n)).as("block %d", n).isEqualTo(hashes.get((int) n));
    }
    assertThat(lookup.hashOf(301)).isEqualTo(Hash.ZERO);
    assertThat(loads[0]).as("each header loaded once").isLessThanOrEqualTo(301);
  }
}
