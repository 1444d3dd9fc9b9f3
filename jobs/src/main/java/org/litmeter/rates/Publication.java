package org.litmeter.rates;

import java.io.Serializable;
import java.util.Set;

/**
 * Which rows a run of the rates job publishes, and under which revision. The live job publishes
 * every row at {@link Revisions#LIVE} ({@link #LIVE}). A restatement publishes, at its own
 * revision, only the rows of windows inside its range, and with a set of centers only the rows of
 * those centers and of the provinces, regions and nation they belong to (computed over every
 * center, so that those rows include the others).
 *
 * @param revision the revision the rows carry
 * @param fromMillis start of the first window published (inclusive)
 * @param toMillis end of the last window published (inclusive)
 * @param scopes {@code scope/scope_id} of the rows published (e.g. {@code center/gz01},
 *     {@code province/Guizhou}, {@code nation/national}); empty for all
 * @param alerts whether the run's detector findings are published (a backfill of a center's whole
 *     history: yes; a restatement of a few days, whose detectors lack the history before: no)
 */
public record Publication(long revision, long fromMillis, long toMillis, Set<String> scopes, boolean alerts)
    implements Serializable {

  public static final Publication LIVE =
      new Publication(Revisions.LIVE, Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), true);

  public Publication {
    scopes = Set.copyOf(scopes);
  }

  public boolean isLive() {
    return revision == Revisions.LIVE;
  }

  public boolean publishes(RatesRow row) {
    return row.windowStart >= fromMillis && row.windowEnd <= toMillis
        && (scopes.isEmpty() || scopes.contains(row.scope.label() + "/" + row.scopeId));
  }

  /** Whether findings about this center are published. */
  public boolean publishesAlertsOf(String center) {
    return alerts && (scopes.isEmpty() || scopes.contains(Scope.CENTER.label() + "/" + center));
  }
}
