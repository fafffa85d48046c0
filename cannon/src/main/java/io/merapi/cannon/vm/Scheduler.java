package io.merapi.cannon.vm;

import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;
import java.util.List;

/**
 * The spec's thread scheduling ("Thread Traversal Mechanics"): the active thread is the top of the
 * active stack; it is preempted to the other stack after {@link #SCHED_QUANTUM} steps or when it
 * yields, an exited thread is popped, and when the active stack runs empty the traversal turns.
 */
final class Scheduler {
  static final long SCHED_QUANTUM = 100_000;

  private Scheduler() {}

  /** Moves the active thread to the top of the other stack. */
  static void preempt(State s, ThreadState t) {
    List<ThreadState> from = s.traverseRight ? s.rightThreadStack : s.leftThreadStack;
    List<ThreadState> to = s.traverseRight ? s.leftThreadStack : s.rightThreadStack;
    from.remove(from.size() - 1);
    to.add(t);
    if (from.isEmpty()) {
      s.traverseRight = !s.traverseRight;
    }
    s.stepsSinceLastContextSwitch = 0;
  }

  /** Drops the exited active thread. */
  static void popExited(State s) {
    List<ThreadState> active = s.activeStack();
    active.remove(active.size() - 1);
    if (active.isEmpty()) {
      s.traverseRight = !s.traverseRight;
    }
    s.stepsSinceLastContextSwitch = 0;
  }

  /** A cloned thread goes on top of the active stack and runs next. */
  static void spawn(State s, ThreadState child) {
    s.activeStack().add(child);
    s.stepsSinceLastContextSwitch = 0;
  }
}
