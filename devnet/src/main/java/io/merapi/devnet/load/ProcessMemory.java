package io.merapi.devnet.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A process's memory as the operating system and the JVM see it: resident set size ({@code VmRSS},
 * and its peak {@code VmHWM}, from {@code /proc/<pid>/status}; empty where there is no procfs) and
 * the Java heap in use and committed. RSS is what a devnet costs the machine (heap, RocksDB caches,
 * Netty buffers, code); the heap after a GC is the live Java data.
 */
public record ProcessMemory(
    OptionalLong rssBytes, OptionalLong peakRssBytes, long heapUsedBytes, long heapCommittedBytes) {

  /** This JVM, after a full collection so that the heap figure is live data only. */
  public static ProcessMemory thisJvmAfterGc() {
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long pid = ProcessHandle.current().pid();
    return new ProcessMemory(
        statusKb(pid, "VmRSS:"), statusKb(pid, "VmHWM:"), heap.getUsed(), heap.getCommitted());
  }

  /** Resident set size of process {@code pid} in bytes, empty without procfs or process. */
  public static OptionalLong rssOf(long pid) {
    return statusKb(pid, "VmRSS:");
  }

  private static OptionalLong statusKb(long pid, String field) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          // "VmRSS:	  123456 kB"
          String digits = line.substring(field.length()).replace("kB", "").strip();
          return OptionalLong.of(Long.parseLong(digits) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // No procfs (macOS, Windows) or the process is gone: no figure.
    }
    return OptionalLong.empty();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "RSS %s (peak %s), heap after GC %d MiB of %d MiB committed",
        mib(rssBytes),
        mib(peakRssBytes),
        heapUsedBytes >> 20,
        heapCommittedBytes >> 20);
  }

  private static String mib(OptionalLong bytes) {
    return bytes.isPresent() ? (bytes.getAsLong() >> 20) + " MiB" : "n/a";
  }
}
