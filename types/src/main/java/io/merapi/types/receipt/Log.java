package io.merapi.types.receipt;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.util.List;

/**
 * An event log as LOG0 to LOG4 emit it: the emitting contract, zero to four topics, and data. In
 * consensus RLP a log is {@code [address, [topic, ...], data]}.
 */
public record Log(Address address, List<Hash> topics, Bytes data) {
  public Log {
    topics = List.copyOf(topics);
    if (topics.size() > 4) {
      throw new IllegalArgumentException("a log has at most 4 topics, got " + topics.size());
    }
  }
}
