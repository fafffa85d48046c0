package io.merapi.explorer.web;

import io.merapi.explorer.Chain;
import io.merapi.explorer.source.SourceUnavailableException;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.RpcTransportException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which page a path asks for, and the page for every way that can fail: a malformed value is a 400
 * page, an unknown path a 404 page, an unreachable chain a 503 page, an error answered by a node a
 * 502 page; anything else is logged once with its cause and answered with a 500 page.
 */
public final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private final Pages pages;

  public Routes(Pages pages) {
    this.pages = pages;
  }

  /**
   * The page for {@code path} (already percent-decoded) and its parameters: {@code q} for a search,
   * {@code before} for the next page of a list.
   */
  public Page handle(String path, Map<String, String> params) {
    try {
      return route(path, params);
    } catch (BadInputException e) {
      return pages.badInput(e.input(), e.getMessage());
    } catch (SourceUnavailableException e) {
      return pages.unavailable(e.endpoint(), e.getMessage());
    } catch (RpcException e) {
      return pages.failed(502, "The node refused", "The node answered an error: " + e.describe());
    } catch (RpcTransportException e) {
      return pages.failed(502, "Unreadable answer", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("page {} failed", path, e);
      return pages.failed(500, "Something went wrong", "This page failed: " + e);
    }
  }

  private Page route(String path, Map<String, String> params) {
    List<String> parts = List.of(path.split("/", -1)).stream().filter(s -> !s.isEmpty()).toList();
    if (parts.isEmpty()) {
      return pages.home();
    }
    if (parts.size() == 1 && parts.get(0).equals("search")) {
      return pages.search(params.getOrDefault("q", ""));
    }
    if (parts.size() == 1 && parts.get(0).equals("deposits")) {
      return pages.bridge().deposits(Optional.ofNullable(params.get("before")));
    }
    if (parts.size() == 1 && parts.get(0).equals("withdrawals")) {
      return pages.bridge().withdrawals(Optional.ofNullable(params.get("before")));
    }
    if (parts.size() == 2 && parts.get(0).equals("withdrawal")) {
      return pages.bridge().withdrawal(parts.get(1));
    }
    if (parts.size() == 3) {
      Optional<Chain> chain = chain(parts.get(0));
      if (chain.isPresent()) {
        String id = parts.get(2);
        switch (parts.get(1)) {
          case "block" -> {
            return pages.block(chain.get(), id);
          }
          case "tx" -> {
            return pages.transaction(chain.get(), id);
          }
          case "address" -> {
            return pages.address(chain.get(), id);
          }
          default -> {}
        }
      }
    }
    return pages.notFound("Page not found", "There is no page at " + path + ".");
  }

  private static Optional<Chain> chain(String segment) {
    for (Chain chain : Chain.values()) {
      if (chain.path().equals(segment)) {
        return Optional.of(chain);
      }
    }
    return Optional.empty();
  }
}
