package io.merapi.service;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service has opened, closed in the reverse order: the servers before the loops they drive,
 * the loops before the clients they use. A start-up that fails part-way closes what it opened so
 * far. One resource that fails to close is logged and the others are still closed; a second close
 * does nothing. Thread-safe.
 */
public final class Resources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Takes {@code resource} to close later, and returns it. */
  public synchronized <T extends AutoCloseable> T add(T resource) {
    opened.add(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      AutoCloseable resource = opened.get(i);
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
    opened.clear();
  }
}
