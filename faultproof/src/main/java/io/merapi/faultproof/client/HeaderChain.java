package io.merapi.faultproof.client;

import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.hint.HintType;
import io.merapi.types.block.Header;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Headers read through the oracle (the hint of {@code route}, then the keccak pre-image of the
 * hash: the header's RLP) and the canonical chain ending at a head, found by walking parent hashes
 * back from it as far as a lookup needs. The program trusts no block number: a number is canonical
 * only by descent from the head it started from.
 */
final class HeaderChain {
  private final Oracle oracle;
  private final HintType route;
  private final Map<Hash, Header> headers = new HashMap<>();
  private final Map<Long, Hash> canonical = new HashMap<>();
  private Header head;

  /** The lowest canonical header reached so far while walking back from the head. */
  private Header lowest;

  HeaderChain(Oracle oracle, HintType route, Hash head) {
    this.oracle = oracle;
    this.route = route;
    setHead(head, header(head));
  }

  Header header(Hash hash) {
    Header cached = headers.get(hash);
    if (cached != null) {
      return cached;
    }
    Header header = Header.decode(oracle.keccak(route.with(hash), hash));
    headers.put(hash, header);
    return header;
  }

  /**
   * Makes {@code header} (hash {@code hash}), known without the oracle, the head. A child of the
   * head extends the canonical chain; anything else starts the walk over from it.
   */
  void setHead(Hash hash, Header header) {
    headers.put(hash, header);
    boolean extendsHead =
        head != null
            && header.number() == head.number() + 1
            && header.parentHash().equals(canonical.get(head.number()));
    if (!extendsHead) {
      canonical.clear();
      lowest = header;
    }
    head = header;
    canonical.put(header.number(), hash);
  }

  /** The canonical block hash at {@code number}, or empty above the head. */
  Optional<Hash> hashByNumber(long number) {
    if (Long.compareUnsigned(number, head.number()) > 0) {
      return Optional.empty();
    }
    while (Long.compareUnsigned(lowest.number(), number) > 0) {
      Hash parent = lowest.parentHash();
      lowest = header(parent);
      canonical.put(lowest.number(), parent);
    }
    return Optional.of(canonical.get(number));
  }
}
