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
 * Resolves the {@code ${env:NAME:-default}} default of each option from {@code variables}, as
 * picocli resolves it from the process environment: the services' command tests check their {@code
 * OP_*} variables without changing this process's environment.
 */
record EnvironmentDefaults(Map<String, String> variables) implements IDefaultValueProvider {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-(.*))?}");

  /** The variable named in an option's default, if it names one. */
  static Optional<String> variable(ArgSpec arg) {
    return expression(arg).map(m -> m.group(1));
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
    return expression(arg)
        .map(m -> variables.containsKey(m.group(1)) ? variables.get(m.group(1)) : m.group(2))
        .orElse(null);
  }
}
