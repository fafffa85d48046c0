package io.merapi.execution.api.web3;

import io.merapi.base.crypto.Keccak256;
import io.merapi.rpc.RpcMethods;

/** {@code web3_clientVersion} and {@code web3_sha3} (keccak-256 of the data). */
public final class Web3Methods {
  private final String clientVersion;

  public Web3Methods(String clientVersion) {
    this.clientVersion = clientVersion;
  }

  /** geth's form: {@code Name/vVersion/os-arch/runtime}. */
  public static String clientVersion(String version) {
    String os = System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch", "unknown");
    if (arch.equals("x86_64")) {
      arch = "amd64";
    }
    return "Merapi/v" + version + "/" + os + "-" + arch + "/java" + Runtime.version().feature();
  }

  public void register(RpcMethods methods) {
    methods.inline("web3_clientVersion", 0, 0, p -> clientVersion);
    methods.inline("web3_sha3", 1, 1, p -> Keccak256.digest(p.data(0).array()).toHex());
  }
}
