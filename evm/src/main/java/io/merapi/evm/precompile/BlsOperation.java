package io.merapi.evm.precompile;

import io.merapi.evm.precompile.bls.BlsInputException;

/** One fixed-price BLS12-381 operation on a whole input, as a function the precompiles share. */
@FunctionalInterface
interface BlsOperation {
  byte[] apply(byte[] input) throws BlsInputException;
}
