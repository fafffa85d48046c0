package io.merapi.service.rollup;

/** op-node's answers as its JSON encoder writes them (op-service {@code eth} types). */
final class RollupJsonSamples {
  private RollupJsonSamples() {}

  static String l1(String hashByte, long number) {
    return """
        {"hash":"0x%s","number":%d,"parentHash":"0x%s","timestamp":%d}"""
        .formatted(hashByte.repeat(32), number, "0f".repeat(32), 1_700_000_000L + number * 12);
  }

  static String l2(String hashByte, long number, long origin, long sequenceNumber) {
    return """
        {"hash":"0x%s","number":%d,"parentHash":"0x%s","timestamp":%d,\
        "l1origin":{"hash":"0x%s","number":%d},"sequenceNumber":%d}"""
        .formatted(
            hashByte.repeat(32),
            number,
            "0e".repeat(32),
            1_700_000_000L + number * 2,
            "0d".repeat(32),
            origin,
            sequenceNumber);
  }

  static final String SYNC_STATUS =
      """
      {"current_l1":%s,"current_l1_finalized":%s,"head_l1":%s,"safe_l1":%s,"finalized_l1":%s,\
      "unsafe_l2":%s,"safe_l2":%s,"finalized_l2":%s,"pending_safe_l2":%s,\
      "cross_unsafe_l2":%s,"local_safe_l2":%s}"""
          .formatted(
              l1("a1", 100),
              l1("a2", 84),
              l1("a3", 101),
              l1("a4", 93),
              l1("a5", 85),
              l2("b1", 250, 99, 3),
              l2("b2", 240, 95, 1),
              l2("b3", 200, 80, 0),
              l2("b4", 241, 95, 2),
              l2("b1", 250, 99, 3),
              l2("b2", 240, 95, 1));

  static final String OUTPUT =
      """
      {"version":"0x%s","outputRoot":"0x%s","blockRef":%s,\
      "withdrawalStorageRoot":"0x%s","stateRoot":"0x%s","syncStatus":%s}"""
          .formatted(
              "00".repeat(32),
              "c1".repeat(32),
              l2("b2", 240, 95, 1),
              "c2".repeat(32),
              "c3".repeat(32),
              SYNC_STATUS);
}
