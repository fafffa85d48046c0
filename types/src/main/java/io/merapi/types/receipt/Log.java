package io.merapi.types.receipt;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
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

  public void writeTo(RlpWriter writer) {
    writer.startList().writeAddress(address).startList();
    for (Hash topic : topics) {
      writer.writeHash(topic);
    }
    writer.endList().writeBytes(data).endList();
  }

  public static Log readFrom(RlpReader reader) {
    RlpReader fields = reader.readList();
    Address address = fields.readAddress();
    int topicsStart = fields.position();
    RlpReader topicList = fields.readList();
    List<Hash> topics = new ArrayList<>(4);
    while (topicList.hasNext()) {
      if (topics.size() == 4) {
        throw new RlpException("a log has at most 4 topics", topicsStart);
      }
      topics.add(topicList.readHash());
    }
    Bytes data = fields.readBytesValue();
    fields.ensureEnd();
    return new Log(address, topics, data);
  }
}
