package org.litmeter.infra.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of Flink's REST API that litmeter uses to run its job on any Flink cluster: upload a
 * job jar, run it, follow and cancel the job. Plain JDK HTTP, so the command line needs none of
 * Flink's client classes.
 */
public final class FlinkRestClient {

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param base the REST endpoint, e.g. {@code http://127.0.0.1:8081} */
  public FlinkRestClient(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  /** Uploads a job jar; returns the id the cluster gave it. */
  public String uploadJar(Path jar) throws IOException {
    String boundary = "litmeter-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(jar));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String response = send(HttpRequest.newBuilder(base.resolve("/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
    String filename = field(response, "filename");
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  /**
   * Runs an uploaded jar; returns the job id.
   *
   * @param savepoint a savepoint or retained checkpoint to start from, or null
   */
  public String run(String jarId, String entryClass, List<String> programArgs, int parallelism, String savepoint)
      throws IOException {
    StringBuilder json = new StringBuilder("{\"entryClass\":").append(quote(entryClass))
        .append(",\"parallelism\":").append(parallelism).append(",\"programArgsList\":[");
    for (int i = 0; i < programArgs.size(); i++) {
      json.append(i == 0 ? "" : ",").append(quote(programArgs.get(i)));
    }
    json.append(']');
    if (savepoint != null) {
      json.append(",\"savepointPath\":").append(quote(savepoint));
    }
    json.append('}');
    String response = send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.toString())), 200);
    return field(response, "jobid");
  }

  /** The job's state: CREATED, RUNNING, RESTARTING, FINISHED, FAILED, CANCELED, ... */
  public String jobState(String jobId) throws IOException {
    return field(get("/jobs/" + jobId), "state");
  }

  /** When the job entered each state it went through (RUNNING, FINISHED, ...), epoch milliseconds. */
  public Map<String, Long> stateTimestamps(String jobId) throws IOException {
    String json = get("/jobs/" + jobId);
    int start = json.indexOf("\"timestamps\"");
    Map<String, Long> entered = new HashMap<>();
    if (start >= 0) {
      Matcher m = Pattern.compile("\"([A-Z_]+)\"\\s*:\\s*(\\d+)")
          .matcher(json.substring(start, json.indexOf('}', start)));
      while (m.find()) {
        long at = Long.parseLong(m.group(2));
        if (at > 0) {
          entered.put(m.group(1), at);
        }
      }
    }
    return entered;
  }

  /** Completed checkpoints of the job so far. */
  public long completedCheckpoints(String jobId) throws IOException {
    Matcher m = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)").matcher(get("/jobs/" + jobId + "/checkpoints"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** The state backend the job runs on, as Flink names it (e.g. EmbeddedRocksDBStateBackend). */
  public String stateBackend(String jobId) throws IOException {
    return field(get("/jobs/" + jobId + "/checkpoints/config"), "state_backend");
  }

  /** Where the job's newest completed checkpoint is (retained on cancellation), to resume from. */
  public String latestCheckpointPath(String jobId) throws IOException {
    String json = get("/jobs/" + jobId + "/checkpoints");
    int latest = json.indexOf("\"latest\"");
    if (latest < 0) {
      throw new IOException("no checkpoint information for job " + jobId + ": " + json);
    }
    return field(json.substring(latest), "external_path");
  }

  /** The checkpoint or savepoint the job was started from, or null when it started empty. */
  public String restoredFrom(String jobId) throws IOException {
    String json = get("/jobs/" + jobId + "/checkpoints");
    Matcher restored = Pattern.compile("\"restored\"\\s*:\\s*\\{").matcher(json);
    return restored.find() ? field(json.substring(restored.start()), "external_path") : null;
  }

  /** The number of TaskManagers registered with the cluster. */
  public int taskManagers() throws IOException {
    Matcher m = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)").matcher(get("/overview"));
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The job's exception history as Flink reports it (empty when it never failed). */
  public String exceptions(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/exceptions");
  }

  public void cancel(String jobId) throws IOException {
    send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()), 202);
  }

  /** Waits until the job reaches one of {@code states}; returns it. */
  public String awaitState(String jobId, Duration timeout, String... states) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      state = jobState(jobId);
      for (String s : states) {
        if (s.equals(state)) {
          return state;
        }
      }
      if (state.equals("FAILED") || state.equals("CANCELED")) {
        throw new IOException("job " + jobId + " is " + state + ": " + exceptions(jobId));
      }
      Thread.sleep(200);
    }
    String exceptions = exceptions(jobId);
    throw new IOException("job " + jobId + " still " + state + " after " + timeout + "; its exceptions: "
        + exceptions.substring(0, Math.min(4000, exceptions.length())));
  }

  private String get(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
  }

  private String send(HttpRequest.Builder request, int expected) throws IOException {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IOException("Flink REST " + response.request().method() + " " + response.uri() + ": HTTP "
            + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling Flink", e);
    }
  }

  /** A top-level string field of a JSON object (Flink's responses are flat where we read them). */
  static String field(String json, String name) throws IOException {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    if (!m.find()) {
      throw new IOException("no \"" + name + "\" in Flink's answer: " + json);
    }
    return m.group(1).replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
