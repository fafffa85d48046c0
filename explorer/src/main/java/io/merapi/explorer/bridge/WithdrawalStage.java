package io.merapi.explorer.bridge;

/** The four stages of a withdrawal (specs: protocol/withdrawals.md), in order. */
public enum WithdrawalStage {
  INITIATED("initiated", "sent on L2; waits for a proposal that covers its block"),
  PROPOSED("proposed", "a proposal on L1 covers its block; it can be proven"),
  PROVEN("proven", "proven on L1; waits out the proof's delays to be finalized"),
  FINALIZED("finalized", "finalized on L1: its call ran");

  private final String word;
  private final String meaning;

  WithdrawalStage(String word, String meaning) {
    this.word = word;
    this.meaning = meaning;
  }

  public String word() {
    return word;
  }

  public String meaning() {
    return meaning;
  }
}
