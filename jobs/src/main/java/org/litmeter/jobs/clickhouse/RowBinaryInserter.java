package org.litmeter.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;

/** One INSERT of a RowBinary batch through client-v2; any failure is an IOException. */
public final class RowBinaryInserter implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Client client;

  public RowBinaryInserter(ClickHouseEndpoint endpoint) {
    this.client = endpoint.newClient(TIMEOUT);
  }

  public void insert(String table, List<String> columns, RowBinaryWriter rows) throws IOException {
    try (InputStream in = rows.asInputStream();
        InsertResponse ignored = client.insert(table, columns, in, ClickHouseFormat.RowBinary, new InsertSettings())
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      // the response carries nothing 18.16 fills in
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while inserting into " + table, e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException(String.valueOf(cause), cause);
    } catch (Exception e) {
      throw new IOException("closing the insert response failed", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
