package io.merapi.execution.api.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.execution.api.ArgText;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.fee.FeeHistory;
import io.merapi.execution.api.fee.GasPriceOracle;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.state.BlobGas;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fees: {@code eth_gasPrice}, {@code eth_maxPriorityFeePerGas}, {@code eth_feeHistory}, {@code
 * eth_blobBaseFee}.
 */
public final class EthFeeMethods {
  private final ChainAccess chain;
  private final GasPriceOracle oracle;
  private final FeeHistory history;

  public EthFeeMethods(ChainAccess chain, GasPriceOracle oracle) {
    this.chain = chain;
    this.oracle = oracle;
    this.history = new FeeHistory(chain);
  }

  public void register(RpcMethods methods) {
    methods.blocking("eth_gasPrice", 0, 0, p -> oracle.gasPrice().toQuantity());
    methods.blocking("eth_maxPriorityFeePerGas", 0, 0, p -> oracle.suggestTip().toQuantity());
    methods.inline(
        "eth_blobBaseFee",
        0,
        0,
        p -> BlobGas.baseFee(chain.head().header(), chain.chain().config()).toQuantity());
    methods.blocking("eth_feeHistory", 2, 3, this::feeHistory);
  }

  private Object feeHistory(Params params) {
    long count = blockCount(params, 0);
    BlockParam newest = BlockParam.number(params, 1);
    double[] percentiles = new double[0];
    if (params.has(2)) {
      JsonNode node = params.node(2);
      if (!node.isArray()) {
        throw Params.invalid(2, ArgText.expected("an array of reward percentiles", node));
      }
      percentiles = new double[node.size()];
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isNumber()) {
          throw Params.invalid(
              2, ArgText.expected("each reward percentile as a number", node.get(i)));
        }
        percentiles[i] = node.get(i).doubleValue();
      }
    }
    FeeHistory.Result result;
    try {
      result = history.history(count, newest, percentiles);
    } catch (IllegalArgumentException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("oldestBlock", result.oldestBlock());
    result.reward().ifPresent(reward -> out.put("reward", reward));
    if (!result.baseFeePerGas().isEmpty()) {
      out.put("baseFeePerGas", result.baseFeePerGas());
    }
    out.put("gasUsedRatio", result.gasUsedRatio());
    if (!result.baseFeePerBlobGas().isEmpty()) {
      out.put("baseFeePerBlobGas", result.baseFeePerBlobGas());
      out.put("blobGasUsedRatio", result.blobGasUsedRatio());
    }
    return out;
  }

  /** geth's {@code math.HexOrDecimal64}: a hex or decimal string, or a JSON number. */
  private static long blockCount(Params params, int index) {
    JsonNode node = params.node(index);
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      return node.longValue();
    }
    if (!node.isTextual()) {
      throw Params.invalid(
          index, ArgText.expected("a block count (a number, or a hex or decimal string)", node));
    }
    String text = node.textValue();
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Long.parseUnsignedLong(text.substring(2), 16);
      }
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw Params.invalid(index, "invalid hex or decimal integer " + text);
    }
  }
}
