package io.merapi.types.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.crypto.Keccak256;
import io.merapi.types.json.Json;
import io.merapi.types.testing.ChainArbitraries;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class HeaderProperties {

  @Property(tries = 300)
  void headerRoundTripsAndHashesItsEncoding(@ForAll("headers") Header header) throws Exception {
    byte[] encoded = header.encoded();
    assertThat(Header.decode(encoded)).isEqualTo(header);
    assertThat(header.hash()).isEqualTo(Keccak256.digest(encoded));
    String json = Json.mapper().writeValueAsString(header);
    assertThat(Json.mapper().readValue(json, Header.class)).isEqualTo(header);
  }

  @Property(tries = 100)
  void blockRoundTrips(
      @ForAll("headers") Header header,
      @ForAll("transactionLists") List<Transaction> transactions,
      @ForAll("withdrawalLists") Optional<List<Withdrawal>> withdrawals) {
    Block block = new Block(header, new BlockBody(transactions, List.of(header), withdrawals));
    Block decoded = Block.decode(block.encoded());
    assertThat(decoded).isEqualTo(block);
    assertThat(decoded.hash()).isEqualTo(header.hash());
    assertThat(BlockBody.decode(block.body().encoded())).isEqualTo(block.body());
  }

  @Provide
  Arbitrary<Header> headers() {
    return ChainArbitraries.headers();
  }

  @Provide
  Arbitrary<List<Transaction>> transactionLists() {
    return ChainArbitraries.transactions().list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<Optional<List<Withdrawal>>> withdrawalLists() {
    return ChainArbitraries.withdrawals().list().ofMaxSize(3).optional(0.5);
  }
}
