package io.merapi.cannon.syscall;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.oracle.PreimageReader;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;
import java.io.IOException;
import java.io.OutputStream;

/**
 * read, write, fcntl and eventfd2 on the VM's fixed file descriptors: stdin reads nothing, stdout
 * and stderr go out, fds 3–6 are the hint and pre-image channels ({@link PreimageChannels}), fd 100
 * is a non-blocking eventfd that always answers EAGAIN; any other fd is EBADF.
 */
final class FileSyscalls {
  static final long FD_EVENTFD = 100;
  static final long EFD_NONBLOCK = 0x80;

  private final State state;
  private final PreimageChannels channels;
  private final OutputStream stdout;
  private final OutputStream stderr;

  FileSyscalls(
      State state,
      AccessProofs proofs,
      PreimageReader preimages,
      OutputStream stdout,
      OutputStream stderr) {
    this.state = state;
    this.channels = new PreimageChannels(state, proofs, preimages);
    this.stdout = stdout;
    this.stderr = stderr;
  }

  SyscallOutcome read(ThreadState t, long fd, long addr, long count) {
    if (fd == Syscalls.FD_STDIN) {
      return Errno.ok(t, 0);
    }
    if (fd == Syscalls.FD_PREIMAGE_READ) {
      return Errno.ok(t, channels.readPreimage(addr, count));
    }
    if (fd == Syscalls.FD_HINT_READ) {
      return Errno.ok(t, count); // the hint acknowledgement is not read into memory
    }
    if (fd == FD_EVENTFD) {
      return Errno.fail(t, Errno.EAGAIN);
    }
    return Errno.fail(t, Errno.EBADF);
  }

  SyscallOutcome write(ThreadState t, long fd, long addr, long count) {
    if (fd == Syscalls.FD_STDOUT || fd == Syscalls.FD_STDERR) {
      emit(fd == Syscalls.FD_STDOUT ? stdout : stderr, addr, count);
      return Errno.ok(t, count);
    }
    if (fd == Syscalls.FD_HINT_WRITE) {
      channels.writeHint(addr, count);
      return Errno.ok(t, count);
    }
    if (fd == Syscalls.FD_PREIMAGE_WRITE) {
      return Errno.ok(t, channels.writePreimageKey(addr, count));
    }
    if (fd == FD_EVENTFD) {
      return Errno.fail(t, Errno.EAGAIN);
    }
    return Errno.fail(t, Errno.EBADF);
  }

  SyscallOutcome fcntl(ThreadState t, long fd, long cmd) {
    boolean known = fd >= 0 && fd <= 6;
    if (cmd == 1) { // F_GETFD
      return known ? Errno.ok(t, 0) : Errno.fail(t, Errno.EBADF);
    }
    if (cmd == 3) { // F_GETFL
      if (fd == 0 || fd == 3 || fd == 5) {
        return Errno.ok(t, 0); // O_RDONLY
      }
      if (fd == 1 || fd == 2 || fd == 4 || fd == 6) {
        return Errno.ok(t, 1); // O_WRONLY
      }
      return Errno.fail(t, Errno.EBADF);
    }
    return Errno.fail(t, Errno.EINVAL);
  }

  SyscallOutcome eventfd2(ThreadState t, long flags) {
    if ((flags & EFD_NONBLOCK) == 0) {
      return Errno.fail(t, Errno.EINVAL);
    }
    return Errno.ok(t, FD_EVENTFD);
  }

  private void emit(OutputStream out, long addr, long count) {
    if (out == null) {
      return;
    }
    long n = Long.compareUnsigned(count, Syscalls.MAX_IO) > 0 ? Syscalls.MAX_IO : count;
    try {
      out.write(state.memory.getBytes(addr, (int) n));
      out.flush();
    } catch (IOException e) {
      // The guest's output does not affect the VM state; a closed stream only loses output.
    }
  }
}
