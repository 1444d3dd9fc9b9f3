package org.litmeter.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the ClickHouse users litmeter defines, for the server generation at hand. */
@Command(name = "access", mixinStandardHelpOptions = true,
    description = {"Print litmeter's ClickHouse users (admin, writer, read-only reader) with SHA-256 password hashes.",
        "users-xml: a users.d file for ClickHouse 18.16, which has no CREATE USER;"
            + " sql: an access-control script for current ClickHouse.",
        "Passwords come from LITMETER_ADMIN_PASSWORD, LITMETER_WRITER_PASSWORD and LITMETER_READER_PASSWORD,"
            + " else from <secrets>/<role>.password (created at random, mode 600, when missing)."})
final class AccessCommand implements Callable<Integer> {

  enum Form { USERS_XML, SQL }

  @Parameters(index = "0", paramLabel = "users-xml|sql", converter = FormConverter.class,
      description = "What to print")
  Form form;

  @Option(names = "--secrets", description = "Directory of password files (default: the local server's,"
      + " .litmeter/clickhouse/secrets); keep it out of version control")
  Path secrets;

  @Override
  public Integer call() throws Exception {
    Path dir = secrets != null ? secrets : Litmeter.home().resolve("clickhouse/secrets");
    var passwords = ClickHouseAccess.passwords(dir, System::getenv);
    System.out.print(form == Form.SQL ? ClickHouseAccess.accessControlSql(passwords)
        : ClickHouseAccess.usersXml(passwords));
    return 0;
  }

  static final class FormConverter implements picocli.CommandLine.ITypeConverter<Form> {
    @Override
    public Form convert(String value) {
      return Form.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }
}
