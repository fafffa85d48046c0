package io.merapi.proposer.rpc;

import io.merapi.proposer.ProposerDriver;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The proposer's JSON-RPC server (op-proposer's {@code --rpc.*}): with {@code --rpc.enable-admin}
 * the {@code admin} namespace, {@code admin_startProposer} and {@code admin_stopProposer}, which
 * answer an error when the proposer already is in the asked state, as op-proposer's do; Merapi adds
 * {@code admin_proposerActive}. Without it the server has no methods.
 */
public final class ProposerAdminRpc {
  private ProposerAdminRpc() {}

  public static RpcServer start(
      String host, int port, boolean enableAdmin, ProposerDriver driver, MeterRegistry registry) {
    RpcMethods methods = new RpcMethods();
    if (enableAdmin) {
      methods.blocking(
          "admin_startProposer",
          0,
          0,
          p -> {
            try {
              driver.start();
            } catch (IllegalStateException e) {
              throw RpcError.server(e.getMessage()).exception();
            }
            return Optional.empty();
          });
      methods.blocking(
          "admin_stopProposer",
          0,
          0,
          p -> {
            try {
              driver.stop();
            } catch (IllegalStateException e) {
              throw RpcError.server(e.getMessage()).exception();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw RpcError.server("interrupted while stopping").exception();
            }
            return Optional.empty();
          });
      methods.inline("admin_proposerActive", 0, 0, p -> driver.running());
    }
    RpcServerConfig config =
        RpcServerConfig.httpDefaults()
            .withName("proposer")
            .withHost(host)
            .withPort(port)
            .withModules(Set.of(RpcServerConfig.ALL_MODULES))
            .withVirtualHosts(List.of("*"))
            .withThreads(1, 2);
    return RpcServer.builder(config).methods(methods).metrics(registry).start();
  }
}
