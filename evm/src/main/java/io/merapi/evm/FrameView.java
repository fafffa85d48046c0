package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;

/** A read-only view of a running frame for tracers. */
public interface FrameView {
  /** Call depth, 1 for the transaction's own frame (as EIP-3155 counts). */
  int depth();

  Address address();

  int stackSize();

  /** The stack item {@code index} from the bottom. */
  UInt256 stackItem(int index);

  int memorySize();

  /** A copy of the memory. */
  byte[] memory();

  /** The output of the last returned call. */
  byte[] returnData();

  /** The refund counter of the transaction. */
  long refund();
}
