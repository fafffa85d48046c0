package io.merapi.cannon.syscall;

import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.memory.Memory;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;

/** mmap: anonymous memory from the heap, page-rounded; brk is a constant (SyscallHandler). */
final class MemorySyscalls {
  private final State state;

  MemorySyscalls(State state) {
    this.state = state;
  }

  SyscallOutcome mmap(ThreadState t, long addr, long length) {
    long sz = length;
    if ((sz & Memory.PAGE_ADDR_MASK) != 0) {
      sz += Memory.PAGE_SIZE - (sz & Memory.PAGE_ADDR_MASK);
    }
    if (addr != 0) {
      return Errno.ok(t, addr); // mmap hints are honoured as given
    }
    long heap = state.heap;
    long newHeap = heap + sz;
    if (Long.compareUnsigned(newHeap, AddressSpace.HEAP_END) > 0
        || Long.compareUnsigned(newHeap, heap) < 0
        || Long.compareUnsigned(sz, length) < 0) {
      return Errno.fail(t, Errno.EINVAL);
    }
    state.heap = newHeap;
    return Errno.ok(t, heap);
  }
}
