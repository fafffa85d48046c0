package io.merapi.trie;

import io.merapi.base.bytes.Bytes;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Ordered iteration over a trie with an explicit stack, in either direction, starting at a key.
 * Ascending order visits a branch's value before its children (a key sorts before its extensions);
 * descending order the reverse. Stored nodes are loaded as the walk reaches them and not kept. The
 * trie must not change while a cursor walks it.
 */
final class TrieCursor implements Iterator<TrieEntry> {
  /** Steps of a branch in visiting order: its value and 16 children; {@code DONE} after them. */
  private static final int DONE = 17;

  private final NodeSource source;
  private final boolean ascending;
  private Node[] nodes = new Node[16];
  private int[] depths = new int[16];
  private int[] steps = new int[16];
  private int top = -1;
  private byte[] path = new byte[64];
  private TrieEntry next;

  private TrieCursor(Node root, NodeSource source, boolean ascending) {
    this.source = source;
    this.ascending = ascending;
    push(root, 0);
  }

  static TrieCursor ascending(Node root, NodeSource source, byte[] start) {
    TrieCursor cursor = new TrieCursor(root, source, true);
    cursor.seek(start);
    return cursor;
  }

  static TrieCursor descending(Node root, NodeSource source, byte[] start) {
    TrieCursor cursor = new TrieCursor(root, source, false);
    cursor.seek(start);
    return cursor;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public TrieEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    TrieEntry entry = next;
    next = null;
    return entry;
  }

  /**
   * Positions the stack on the path of {@code start}: every frame on it is set past what lies on
   * the wrong side of {@code start}, so that the ordinary walk from there yields exactly the keys
   * at or after it (before it, descending).
   */
  private void seek(byte[] start) {
    while (true) {
      Node node = loaded(top);
      int depth = depths[top];
      switch (node) {
        case Node.Empty empty -> {
          return;
        }
        case Node.Leaf leaf -> {
          int order =
              Arrays.compare(leaf.path, leaf.from, leaf.path.length, start, depth, start.length);
          if (ascending ? order < 0 : order > 0) {
            steps[top] = DONE;
          }
          return;
        }
        case Node.Extension ext -> {
          int rest = start.length - depth;
          int match = Nibbles.commonPrefix(ext.path, ext.from, ext.to, start, depth, start.length);
          if (match == ext.length()) {
            steps[top] = DONE;
            System.arraycopy(ext.path, ext.from, ensurePath(depth + match), depth, match);
            push(ext.child, depth + match);
            continue;
          }
          // Everything below sorts after start if start ends inside the path or is smaller there.
          boolean after = match == rest || ext.path[ext.from + match] > start[depth + match];
          if (after != ascending) {
            steps[top] = DONE;
          }
          return;
        }
        case Node.Branch branch -> {
          if (depth == start.length) {
            // The branch's own key is start; ascending takes it and all below, descending only it.
            steps[top] = ascending ? 0 : 16;
            return;
          }
          int nibble = start[depth];
          // Ascending: value is step 0, child c is step c + 1. Descending: child c is 15 - c.
          steps[top] = ascending ? nibble + 2 : 16 - nibble;
          Node child = branch.children[nibble];
          if (child instanceof Node.Empty) {
            return;
          }
          ensurePath(depth + 1)[depth] = (byte) nibble;
          push(child, depth + 1);
        }
        case Node.HashRef ref -> throw new IllegalStateException("loaded node is a reference");
      }
    }
  }

  private TrieEntry advance() {
    while (top >= 0) {
      Node node = loaded(top);
      int depth = depths[top];
      switch (node) {
        case Node.Empty empty -> top--;
        case Node.Leaf leaf -> {
          if (steps[top] == DONE) {
            top--;
            continue;
          }
          steps[top] = DONE;
          return entry(depth, leaf.path, leaf.from, leaf.path.length, leaf.value);
        }
        case Node.Extension ext -> {
          if (steps[top] == DONE) {
            top--;
            continue;
          }
          steps[top] = DONE;
          int length = ext.length();
          System.arraycopy(ext.path, ext.from, ensurePath(depth + length), depth, length);
          push(ext.child, depth + length);
        }
        case Node.Branch branch -> {
          int step = steps[top];
          if (step >= DONE) {
            top--;
            continue;
          }
          steps[top] = step + 1;
          boolean valueStep = ascending ? step == 0 : step == 16;
          if (valueStep) {
            if (branch.value.length > 0) {
              return entry(depth, Nibbles.NONE, 0, 0, branch.value);
            }
            continue;
          }
          int nibble = ascending ? step - 1 : 15 - step;
          Node child = branch.children[nibble];
          if (!(child instanceof Node.Empty)) {
            ensurePath(depth + 1)[depth] = (byte) nibble;
            push(child, depth + 1);
          }
        }
        case Node.HashRef ref -> throw new IllegalStateException("loaded node is a reference");
      }
    }
    return null;
  }

  private TrieEntry entry(int depth, byte[] rest, int from, int to, byte[] value) {
    int length = depth + to - from;
    if ((length & 1) != 0) {
      throw new InvalidNodeException("a value at an odd number of nibbles: not a byte-string key");
    }
    byte[] nibbles = Arrays.copyOf(path, length);
    System.arraycopy(rest, from, nibbles, depth, to - from);
    return new TrieEntry(Bytes.wrap(Nibbles.toBytes(nibbles, 0, length)), Bytes.wrap(value));
  }

  private Node loaded(int frame) {
    if (nodes[frame] instanceof Node.HashRef ref) {
      nodes[frame] = NodeLoader.load(source, ref, null);
    }
    return nodes[frame];
  }

  private void push(Node node, int depth) {
    top++;
    if (top == nodes.length) {
      nodes = Arrays.copyOf(nodes, top * 2);
      depths = Arrays.copyOf(depths, top * 2);
      steps = Arrays.copyOf(steps, top * 2);
    }
    nodes[top] = node;
    depths[top] = depth;
    steps[top] = 0;
  }

  private byte[] ensurePath(int length) {
    if (length > path.length) {
      path = Arrays.copyOf(path, Math.max(length, path.length * 2));
    }
    return path;
  }
}
