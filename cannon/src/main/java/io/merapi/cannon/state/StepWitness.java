package io.merapi.cannon.state;

/**
 * What the on-chain step needs for one step: the 188-byte pre-state witness and its hash, the proof
 * data (thread witness, instruction proof, memory proofs), and the pre-image the step read, if any.
 */
public record StepWitness(
    byte[] state,
    byte[] stateHash,
    byte[] proofData,
    byte[] preimageKey,
    byte[] preimageValue,
    long preimageOffset) {
  public boolean hasPreimage() {
    return preimageKey != null;
  }
}
