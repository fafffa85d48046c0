package io.merapi.cli;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.deployer.tx.DeploymentException;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code merapi deploy}: deploys and initializes a rollup's L1 contracts on a running L1 by
 * transactions signed with the operator's key (op-deployer's job), then writes the chain's files:
 * {@code addresses.json}, the L2 {@code genesis.json} and op-node's {@code rollup.json}.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description =
        "Deploy the L1 contracts of a new rollup and write addresses.json, the L2 genesis.json and"
            + " rollup.json.")
final class DeployCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DeployCommand.class);

  @Option(names = "--l1", required = true, description = "L1 JSON-RPC URL (HTTP).")
  URI l1;

  @Option(
      names = "--private-key",
      required = true,
      description = "Hex private key of the deployer (pays for the deployment).")
  String privateKey;

  @Option(
      names = "--config",
      description =
          "deploy.json in the OP Stack's deploy-config format; fields left out take the OP devnet"
              + " template's values (default: the template).")
  Path config;

  @Option(names = "--outdir", required = true, description = "Where to write the files.")
  Path outdir;

  @Option(
      names = "--receipt-timeout",
      defaultValue = "120",
      description = "Seconds to wait for each transaction's inclusion (default: ${DEFAULT-VALUE}).")
  long receiptTimeout;

  @Override
  public Integer call() {
    DeployConfig deployConfig = readConfig();
    if (!deployConfig.ignored().isEmpty()) {
      LOG.info("deploy config fields not used by Merapi: {}", deployConfig.ignored());
    }
    Secp256k1.PrivateKey key;
    try {
      key = Secp256k1.PrivateKey.fromHex(privateKey.strip());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("--private-key: " + e.getMessage());
    }
    try (RpcClient client =
        HttpRpcClient.create(l1, RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(30)))) {
      RpcTransactor transactor = new RpcTransactor(client, key, Duration.ofSeconds(receiptTimeout));
      LOG.info(
          "deploying a rollup (L2 chain id {}) on L1 chain {} from {}",
          deployConfig.l2ChainId(),
          transactor.chainId(),
          transactor.from());
      RollupDeployer.Output output = RollupDeployer.deploy(transactor, client, deployConfig);
      output.write(outdir);
      LOG.info(
          "wrote {} (portal {}, system config {}, L2 genesis {})",
          outdir,
          output.l1().optimismPortalProxy(),
          output.l1().systemConfigProxy(),
          output.l2GenesisHash());
      return 0;
    } catch (DeploymentException e) {
      throw new CommandFailure("deploy: " + e.getMessage());
    } catch (IOException e) {
      throw new CommandFailure("cannot write " + outdir + ": " + e.getMessage());
    }
  }

  private DeployConfig readConfig() {
    if (config == null) {
      return DeployConfig.devnet();
    }
    try {
      return DeployConfig.read(config);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + config + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("invalid deploy config " + config + ": " + e.getMessage());
    }
  }
}
