package io.merapi.cannon.memory;

/** Where Cannon lays out the program's heap, break and stack in the 64-bit address space. */
public final class AddressSpace {
  /** mmap(NULL, …) hands out memory from here upwards. */
  public static final long HEAP_START = 0x0000_1000_0000_0000L;

  /** mmap fails with EINVAL when the heap would pass this address. */
  public static final long HEAP_END = 0x0000_6000_0000_0000L;

  /** What brk always answers: the program break never moves. */
  public static final long PROGRAM_BREAK = 0x0000_4000_0000_0000L;

  /** The stack grows down from just below this address. */
  public static final long HIGH_MEMORY_START = 0x0000_7FFF_FFFF_F000L;

  /** Every VM memory access is to the aligned word containing the address. */
  public static final long ADDRESS_MASK = ~7L;

  private AddressSpace() {}
}
