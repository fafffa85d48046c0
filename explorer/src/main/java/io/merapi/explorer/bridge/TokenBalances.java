package io.merapi.explorer.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.contracts.universal.interfaces.IERC20;
import io.merapi.explorer.Chain;
import io.merapi.explorer.index.BridgeEntry;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.proposer.contract.ContractReadException;
import io.merapi.proposer.contract.ContractReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An address's balances of the bridge's tokens: on L2 the OptimismMintableERC20s the factory
 * created, on L1 the tokens deposited through the L1StandardBridge — both as the index found them.
 * Symbols and decimals are read once per token.
 */
public final class TokenBalances {
  /** A token's balance, with the remote token it bridges to. */
  public record Balance(
      Address token, String symbol, int decimals, UInt256 amount, Address remote) {}

  private record Meta(String symbol, int decimals) {}

  private final BridgeReader reader;
  private final ChainIndex index;
  private final Map<Address, Meta> meta = new ConcurrentHashMap<>();

  public TokenBalances(BridgeReader reader, ChainIndex index) {
    this.reader = reader;
    this.index = index;
  }

  /** Every bridge token on {@code chain} with its balance of {@code owner}, zero ones included. */
  public List<Balance> of(Chain chain, Address owner) {
    List<Balance> out = new ArrayList<>();
    for (BridgeEntry.Token token : index.bridge().tokens(chain)) {
      ContractReader erc20 =
          chain == Chain.L1
              ? reader.onL1(token.token(), "ERC-20")
              : reader.onL2(token.token(), "OptimismMintableERC20");
      UInt256 amount;
      try {
        amount = erc20.read(IERC20.balanceOf(owner));
      } catch (ContractReadException e) {
        continue; // not an ERC-20 after all (a deposit of a bad token): left out
      }
      Meta m = meta.computeIfAbsent(token.token(), t -> read(erc20));
      out.add(new Balance(token.token(), m.symbol(), m.decimals(), amount, token.remote()));
    }
    return out;
  }

  private static Meta read(ContractReader erc20) {
    String symbol;
    int decimals;
    try {
      symbol = erc20.read(OptimismMintableERC20.symbol());
    } catch (ContractReadException e) {
      symbol = "?";
    }
    try {
      decimals = erc20.read(OptimismMintableERC20.decimals());
    } catch (ContractReadException e) {
      decimals = 18;
    }
    return new Meta(symbol, decimals);
  }
}
