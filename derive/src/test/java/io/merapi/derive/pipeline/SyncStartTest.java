package io.merapi.derive.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.testing.FakeL2Source;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.block.Header;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's sync start table (op-node/rollup/sync/start_test.go {@code TestFindSyncStart}): chains
 * written as letters, one L1 block per letter and one L2 block per letter whose L1 origin is the L1
 * block at the same height (offset by the L1 genesis number); a block's hash starts with its
 * letter. The L2 chain was built on {@code l1}, the L1 now is {@code newL1}.
 */
class SyncStartTest {

  record Case(
      String name,
      String l1,
      String l2,
      String newL1,
      char finalizedL2,
      char safeL2,
      char genesisL1,
      long genesisL1Number,
      char genesisL2,
      long seqWindowSize,
      char expectedUnsafe,
      char expectedSafe,
      boolean wrongChain) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case ok(
      String name,
      String l1,
      String l2,
      String newL1,
      char finalized,
      char safe,
      char genesisL1,
      long genesisL1Number,
      char genesisL2,
      long window,
      char unsafeOut,
      char safeOut) {
    return new Case(
        name,
        l1,
        l2,
        newL1,
        finalized,
        safe,
        genesisL1,
        genesisL1Number,
        genesisL2,
        window,
        unsafeOut,
        safeOut,
        false);
  }

  static Case wrong(
      String name,
      String l1,
      String l2,
      String newL1,
      char finalized,
      char safe,
      char genesisL1,
      long genesisL1Number,
      char genesisL2,
      long window) {
    return new Case(
        name,
        l1,
        l2,
        newL1,
        finalized,
        safe,
        genesisL1,
        genesisL1Number,
        genesisL2,
        window,
        ' ',
        ' ',
        true);
  }

  static Stream<Case> cases() {
    return Stream.of(
        ok("already synced", "ab", "AB", "ab", 'A', 'A', 'a', 0, 'A', 2, 'B', 'A'),
        // Steps back at least one safe block.
        ok(
            "already synced with safe head after genesis",
            "abcdefghijkj",
            "ABCDEFGHIJKJ",
            "abcdefghijkj",
            'B',
            'D',
            'a',
            0,
            'A',
            2,
            'J',
            'C'),
        ok(
            "small reorg long chain",
            "abcdefgh",
            "ABCDEFGH",
            "abcdefgx",
            'B',
            'H',
            'a',
            0,
            'A',
            2,
            'G',
            'C'),
        ok("L1 Chain ahead", "abcdef", "ABCDE", "abcdef", 'A', 'D', 'a', 0, 'A', 2, 'E', 'A'),
        ok(
            "L2 Chain ahead after reorg",
            "abcxyz",
            "ABCXYZ",
            "abcx",
            'B',
            'X',
            'a',
            0,
            'A',
            2,
            'Z',
            'B'),
        ok("genesis", "a", "A", "a", 'A', 'A', 'a', 0, 'A', 2, 'A', 'A'),
        ok(
            "reorg one step back",
            "abcdefg",
            "ABCDEFG",
            "abcdefx",
            'A',
            'E',
            'a',
            0,
            'A',
            3,
            'F',
            'A'),
        ok(
            "reorg two steps back, clip genesis and finalized",
            "abc",
            "ABC",
            "axy",
            'A',
            'B',
            'a',
            0,
            'A',
            2,
            'A',
            'A'),
        ok(
            "reorg three steps back",
            "abcdefgh",
            "ABCDEFGH",
            "abcdexyz",
            'A',
            'D',
            'a',
            0,
            'A',
            2,
            'E',
            'A'),
        wrong("unexpected L1 chain", "abcdef", "ABCDEF", "xyzwio", 'A', 'B', 'a', 0, 'A', 2),
        wrong("unexpected L2 chain", "abcdef", "ABCDEF", "xyzwio", 'A', 'B', 'a', 0, 'X', 2),
        ok(
            "offset L2 genesis",
            "abcdefghi",
            "DEFGHI",
            "abcdefghi",
            'E',
            'H',
            'd',
            3,
            'D',
            2,
            'I',
            'E'),
        ok(
            "offset L2 genesis reorg",
            "abcdefgh",
            "DEFGH",
            "abcdxyzw",
            'D',
            'D',
            'd',
            3,
            'D',
            2,
            'D',
            'D'),
        wrong(
            "reorg past offset genesis", "abcdefgh", "DEFGH", "abxyzwio", 'D', 'D', 'd', 3, 'D', 2),
        // Walks on to the safe head after finding the canonical unsafe head, without a too deep
        // reorg error.
        ok(
            "long traverse to safe head",
            "abcdefgh",
            "ABCDEFGH",
            "abcdefgx",
            'B',
            'B',
            'a',
            0,
            'A',
            1,
            'G',
            'B'));
  }

  static Hash letter(char c) {
    byte[] h = new byte[32];
    h[0] = (byte) c;
    return Hash.wrap(h);
  }

  static List<L1BlockRef> l1Chain(String letters) {
    List<L1BlockRef> out = new ArrayList<>();
    for (int i = 0; i < letters.length(); i++) {
      Hash parent = i == 0 ? Hash.ZERO : letter(letters.charAt(i - 1));
      out.add(new L1BlockRef(letter(letters.charAt(i)), i, parent, 0));
    }
    return out;
  }

  /** The L1 chain by number and hash, from the letters. */
  static L1Source l1Source(List<L1BlockRef> chain) {
    return new L1Source() {
      @Override
      public Optional<L1BlockRef> blockRefByNumber(long number) {
        return number < chain.size() ? Optional.of(chain.get((int) number)) : Optional.empty();
      }

      @Override
      public L1BlockRef blockRefByHash(Hash hash) {
        return chain.stream()
            .filter(b -> b.hash().equals(hash))
            .findFirst()
            .orElseThrow(() -> new DerivationException.Temporary("not found " + hash));
      }

      @Override
      public Header headerByHash(Hash hash) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<Transaction> transactionsByHash(Hash hash) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<Receipt> receiptsByHash(Hash hash) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findL2Heads(Case c) {
    List<L1BlockRef> oldL1 = l1Chain(c.l1());
    FakeL2Source l2 = new FakeL2Source();
    List<L2BlockRef> chain = new ArrayList<>();
    for (int i = 0; i < c.l2().length(); i++) {
      Hash parent = i == 0 ? Hash.ZERO : letter(c.l2().charAt(i - 1));
      L2BlockRef block =
          new L2BlockRef(
              letter(c.l2().charAt(i)),
              i,
              parent,
              0,
              oldL1.get(i + (int) c.genesisL1Number()).id(),
              0);
      chain.add(block);
      l2.add(block);
    }
    RollupConfig config =
        TestRollupConfig.builder()
            .genesis(
                new RollupConfig.BlockId(letter(c.genesisL1()), c.genesisL1Number()),
                new RollupConfig.BlockId(letter(c.genesisL2()), 0),
                0)
            .seqWindowSize(c.seqWindowSize())
            .build();
    L2Heads current =
        new L2Heads(
            chain.get(chain.size() - 1),
            byLetter(chain, c.safeL2()),
            byLetter(chain, c.finalizedL2()));
    L1Source l1 = l1Source(l1Chain(c.newL1()));
    if (c.wrongChain()) {
      assertThatThrownBy(() -> SyncStart.findL2Heads(config, l1, l2, current))
          .isInstanceOf(DerivationException.Critical.class)
          .hasMessageContaining("wrong L");
      return;
    }
    L2Heads heads = SyncStart.findL2Heads(config, l1, l2, current);
    assertThat((char) heads.unsafe().hash().get(0)).as("unsafe").isEqualTo(c.expectedUnsafe());
    assertThat((char) heads.safe().hash().get(0)).as("safe").isEqualTo(c.expectedSafe());
    assertThat(heads.finalized()).isEqualTo(current.finalized());
  }

  static L2BlockRef byLetter(List<L2BlockRef> chain, char c) {
    return chain.stream().filter(b -> b.hash().get(0) == c).findFirst().orElseThrow();
  }
}
