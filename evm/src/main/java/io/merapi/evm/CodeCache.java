package io.merapi.evm;

import io.merapi.base.bytes.Hash;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Analysed code by code hash, so jump destinations are found once per contract rather than once per
 * call. Shared by threads. Bounded crudely: when full it is cleared, which costs one re-analysis
 * per contract and never a wrong answer.
 */
public final class CodeCache {
  private final ConcurrentHashMap<Hash, Code> byHash = new ConcurrentHashMap<>();
  private final int capacity;

  public CodeCache(int capacity) {
    this.capacity = capacity;
  }

  /** A process-wide cache for tools and tests. */
  public static final CodeCache SHARED = new CodeCache(16_384);

  /** The analysed code of hash {@code hash}, loading the bytes with {@code bytes} on a miss. */
  public Code get(Hash hash, Supplier<byte[]> bytes) {
    Code code = byHash.get(hash);
    if (code == null) {
      code = Code.of(bytes.get(), hash);
      if (byHash.size() >= capacity) {
        byHash.clear();
      }
      byHash.put(hash, code);
    }
    return code;
  }
}
