package io.merapi.cli;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * Resolves the variables behind a service command's options from {@code variables}, by the same two
 * routes picocli takes from the process environment: the command's {@link TxManagerFlags.Env} for
 * the signer and txmgr flags, when it has one, then the {@code ${env:NAME:-default}} default of
 * each other option. The services' command tests check their {@code OP_*} variables without
 * changing this process's environment.
 */
record EnvironmentDefaults(Map<String, String> variables, Optional<TxManagerFlags.Env> txmgr)
    implements IDefaultValueProvider {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-(.*))?}");

  /** For a command without the txmgr flags. */
  EnvironmentDefaults(Map<String, String> variables) {
    this(variables, Optional.empty());
  }

  /** For a command with the txmgr flags, whose variables {@code txmgr} names. */
  EnvironmentDefaults(Map<String, String> variables, TxManagerFlags.Env txmgr) {
    this(variables, Optional.of(txmgr.reading(variables)));
  }

  /** The variable behind an option. */
  Optional<String> variable(ArgSpec arg) {
    return txmgr.flatMap(t -> t.variable(arg)).or(() -> expression(arg).map(m -> m.group(1)));
  }

  private static Optional<Matcher> expression(ArgSpec arg) {
    if (!(arg.userObject() instanceof Field field) || field.getAnnotation(Option.class) == null) {
      return Optional.empty();
    }
    Matcher matcher = ENV.matcher(field.getAnnotation(Option.class).defaultValue());
    return matcher.matches() ? Optional.of(matcher) : Optional.empty();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (txmgr.isPresent() && txmgr.get().variable(arg).isPresent()) {
      return txmgr.get().defaultValue(arg);
    }
    return expression(arg)
        .map(m -> variables.containsKey(m.group(1)) ? variables.get(m.group(1)) : m.group(2))
        .orElse(null);
  }
}
