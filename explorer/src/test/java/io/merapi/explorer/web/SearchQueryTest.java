package io.merapi.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SearchQueryTest {
  private static final String HASH = "0x" + "1f".repeat(32);
  private static final String ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  record Case(String input, SearchQuery expected) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case(HASH, new SearchQuery.ByHash(Hash.fromHex(HASH))),
        new Case("  " + HASH + "\n", new SearchQuery.ByHash(Hash.fromHex(HASH))),
        new Case(ADDRESS, new SearchQuery.ByAddress(Address.fromHex(ADDRESS))),
        new Case(
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            new SearchQuery.ByAddress(Address.fromHex(ADDRESS))),
        new Case("0", new SearchQuery.ByNumber(0)),
        new Case("123456", new SearchQuery.ByNumber(123_456)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void classifiesWhatWasTyped(Case c) {
    assertThat(SearchQuery.parse(c.input())).isEqualTo(c.expected());
  }

  static Stream<String> malformed() {
    return Stream.of(
        "",
        "   ",
        "hello",
        "<script>alert(1)</script>",
        "0x",
        "0x1234",
        "0x" + "zz".repeat(32),
        "0xF39fd6e51aad88f6f4ce6ab8827279cfffb92266", // mixed case with a wrong checksum
        "99999999999999999999999",
        "-5",
        "12.5",
        "x".repeat(10_000));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void anythingElseIsMalformedWithAReason(String input) {
    SearchQuery query = SearchQuery.parse(input);

    assertThat(query).isInstanceOf(SearchQuery.Malformed.class);
    SearchQuery.Malformed m = (SearchQuery.Malformed) query;
    assertThat(m.reason()).isNotBlank();
    assertThat(m.input().length()).isLessThanOrEqualTo(SearchQuery.MAX_INPUT);
  }
}
