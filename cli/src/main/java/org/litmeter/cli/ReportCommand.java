package org.litmeter.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.litmeter.cli.report.Report;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.schema.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A self-contained HTML report for people without Grafana. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write one self-contained HTML file: a plain-language summary, the racked, lit and occupied rates"
        + " over time as inline SVG with acceptance periods shaded, the centers and the firing alerts.",
        "Without --clickhouse it reads the data ./litmeter demo or ./litmeter up left in .litmeter/clickhouse."})
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--region", defaultValue = "all", description = "east, west or all (default: ${DEFAULT-VALUE})")
  String region;

  @Option(names = "--center", description = "One center instead of a region")
  String center;

  @Option(names = "--period", defaultValue = "90d",
      description = "Whole days up to the newest data (default: ${DEFAULT-VALUE}); daily windows for more than 3"
          + " days of data, else hourly")
  String period;

  @Option(names = "--out", defaultValue = "report.html", description = "Output file (default: ${DEFAULT-VALUE})")
  Path out;

  @Mixin
  LanguageOption lang;

  @Mixin
  ClickHouseTarget target;

  @Override
  public Integer call() throws Exception {
    if (!region.equals("all") && !region.equals("east") && !region.equals("west")) {
      System.err.println("--region must be east, west or all");
      return 2;
    }
    Language language = lang.language;
    try {
      return target.run(sql -> {
        Files.writeString(out, Report.html(sql, region, center,
            Math.toIntExact(Durations.whole(period, ChronoUnit.DAYS)), Instant.now(), language), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
      });
    } catch (IllegalStateException noData) {
      System.err.println(noData.getMessage());
      return 1;
    }
  }
}
