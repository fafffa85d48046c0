package io.merapi.execution.filter;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.types.receipt.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Which logs a query wants: emitted by one of {@code addresses} (any address if empty), and for
 * each topic position, one of the listed topics (an empty list at a position matches anything). A
 * log with fewer topics than positions listed does not match, as in geth.
 */
public record LogFilter(List<Address> addresses, List<List<Hash>> topics) {
  public static final LogFilter ALL = new LogFilter(List.of(), List.of());

  public LogFilter {
    addresses = List.copyOf(addresses);
    topics = topics.stream().map(List::copyOf).toList();
  }

  public boolean matches(Log log) {
    if (!addresses.isEmpty() && !addresses.contains(log.address())) {
      return false;
    }
    if (topics.size() > log.topics().size()) {
      return false;
    }
    for (int i = 0; i < topics.size(); i++) {
      List<Hash> position = topics.get(i);
      if (!position.isEmpty() && !position.contains(log.topics().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** False if no log in a block or receipt with {@code bloom} can match. */
  public boolean mayMatch(LogsBloom bloom) {
    if (!addresses.isEmpty()) {
      boolean any = false;
      for (Address address : addresses) {
        if (bloom.mayContain(address)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    for (List<Hash> position : topics) {
      if (position.isEmpty()) {
        continue;
      }
      boolean any = false;
      for (Hash topic : position) {
        if (bloom.mayContain(topic)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /**
   * The filter as bloom bits: a list of clauses that must all hold, each a list of alternatives,
   * each alternative the three bloom bits of one value (all set). Wildcard positions give no
   * clause; an unrestricted filter gives none at all.
   */
  public List<List<int[]>> bloomClauses() {
    List<List<int[]>> clauses = new ArrayList<>();
    if (!addresses.isEmpty()) {
      clauses.add(addresses.stream().map(a -> LogsBloom.bitPositions(a.array())).toList());
    }
    for (List<Hash> position : topics) {
      if (!position.isEmpty()) {
        clauses.add(position.stream().map(t -> LogsBloom.bitPositions(t.array())).toList());
      }
    }
    return clauses;
  }
}
