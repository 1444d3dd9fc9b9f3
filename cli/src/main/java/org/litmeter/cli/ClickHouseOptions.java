package org.litmeter.cli;

import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The ClickHouse options every command names the same way: {@code --clickhouse URL},
 * {@code --clickhouse-user}, {@code --clickhouse-ca}. The password is never an option: it comes
 * from {@code LITMETER_CLICKHOUSE_PASSWORD}. Each command says which user it takes by default.
 */
final class ClickHouseOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--clickhouse", paramLabel = "URL", description = "ClickHouse HTTP URL, e.g. http://127.0.0.1:8123")
  String url;

  @Option(names = "--clickhouse-user", paramLabel = "USER",
      description = "ClickHouse user, its password from LITMETER_CLICKHOUSE_PASSWORD (default: default;"
          + " litmeter_writer for restate)")
  String user;

  @Option(names = "--clickhouse-ca", paramLabel = "FILE", description = "Certificate authority (PEM) of an https://"
      + " --clickhouse whose certificate the JVM does not trust (default: LITMETER_CLICKHOUSE_CA)")
  String caFile;

  boolean given() {
    return url != null;
  }

  /** The URL; a usage error when the command needs one and none was given. */
  String requiredUrl() {
    if (url == null) {
      throw new ParameterException(command.commandLine(), "Missing required option: '--clickhouse=URL'");
    }
    return url;
  }

  /** The user given, else {@code commandDefault}. */
  String user(String commandDefault) {
    return user != null ? user : commandDefault;
  }

  /** The server at {@code --clickhouse} as {@code --clickhouse-user} (else {@code defaultUser}). */
  ClickHouseEndpoint endpoint(String defaultUser) {
    return ClickHouseEndpoint.fromUrl(requiredUrl(), user(defaultUser), caFile);
  }
}
