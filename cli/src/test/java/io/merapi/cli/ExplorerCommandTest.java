package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplorerCommandTest {
  @Test
  void theThreeEndpointsAreRequired() {
    MerapiRun.Output run = MerapiRun.merapi("explorer", "--l1", "http://127.0.0.1:8545");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--l2").contains("--node");
  }

  @Test
  void anEndpointThatIsNotHttpIsRefusedInOneLine() {
    MerapiRun.Output run =
        MerapiRun.merapi(
            "explorer",
            "--l1",
            "ws://127.0.0.1:8546",
            "--l2",
            "http://127.0.0.1:9545",
            "--node",
            "http://127.0.0.1:7545");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("explorer: not an HTTP endpoint: ws://127.0.0.1:8546");
  }

  @Test
  void aBeaconEndpointThatIsNotHttpIsRefused() {
    MerapiRun.Output run =
        MerapiRun.merapi(
            "explorer",
            "--l1",
            "http://127.0.0.1:8545",
            "--l2",
            "http://127.0.0.1:9545",
            "--node",
            "http://127.0.0.1:7545",
            "--l1.beacon",
            "ftp://127.0.0.1:5052");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("explorer: not an HTTP endpoint: ftp://127.0.0.1:5052");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    MerapiRun.Output run =
        MerapiRun.merapi(
            "explorer",
            "--l1",
            "http://127.0.0.1:8545",
            "--l2",
            "http://127.0.0.1:9545",
            "--node",
            "http://127.0.0.1:7545",
            "--port",
            "70000");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("port out of range: 70000");
  }

  @Test
  void helpNamesTheFlags() {
    MerapiRun.Output run = MerapiRun.merapi("explorer", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--l1")
        .contains("--l2")
        .contains("--node")
        .contains("--port")
        .contains("--datadir")
        .contains("--l1.beacon");
  }
}
