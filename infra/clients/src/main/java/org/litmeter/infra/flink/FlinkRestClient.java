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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of Flink's REST API that litmeter uses to run its job on any Flink cluster: upload a
 * job jar, run it, follow and cancel the job. JDK HTTP and Jackson, so the command line needs none
 * of Flink's client classes.
 */
public final class FlinkRestClient {

  private static final ObjectMapper JSON = new ObjectMapper();

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
    String filename = text(JSON.readTree(response), "filename");
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  /**
   * Runs an uploaded jar; returns the job id.
   *
   * @param savepoint a savepoint or retained checkpoint to start from, or null
   */
  public String run(String jarId, String entryClass, List<String> programArgs, int parallelism, String savepoint)
      throws IOException {
    ObjectNode json = JSON.createObjectNode().put("entryClass", entryClass).put("parallelism", parallelism);
    programArgs.forEach(json.putArray("programArgsList")::add);
    if (savepoint != null) {
      json.put("savepointPath", savepoint);
    }
    String response = send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.toString())), 200);
    return text(JSON.readTree(response), "jobid");
  }

  /** The job's state: CREATED, RUNNING, RESTARTING, FINISHED, FAILED, CANCELED, ... */
  public String jobState(String jobId) throws IOException {
    return text(get("/jobs/" + jobId), "state");
  }

  /** When the job entered each state it went through (RUNNING, FINISHED, ...), epoch milliseconds. */
  public Map<String, Long> stateTimestamps(String jobId) throws IOException {
    Map<String, Long> entered = new HashMap<>();
    get("/jobs/" + jobId).path("timestamps").properties().forEach(e -> {
      if (e.getValue().asLong() > 0) {
        entered.put(e.getKey(), e.getValue().asLong());
      }
    });
    return entered;
  }

  /** How many of the job's subtasks are in each state (RUNNING, DEPLOYING, FINISHED, ...). */
  public Map<String, Integer> subtaskStates(String jobId) throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    get("/jobs/" + jobId).path("status-counts").properties().forEach(e -> {
      if (e.getValue().asInt() > 0) {
        counts.put(e.getKey(), e.getValue().asInt());
      }
    });
    return counts;
  }

  /** Completed checkpoints of the job so far. */
  public long completedCheckpoints(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /**
   * A completed checkpoint as Flink reports it.
   *
   * @param stateBytes the whole state the checkpoint stands for
   * @param uploadedBytes what this checkpoint wrote (less than the state when incremental)
   * @param completedAt epoch milliseconds
   */
  public record Checkpoint(long id, long stateBytes, long uploadedBytes, long durationMillis, long completedAt,
      String externalPath) {}

  /** The job's newest completed checkpoint, or null before the first. */
  public Checkpoint latestCheckpoint(String jobId) throws IOException {
    JsonNode completed = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    if (!completed.isObject()) {
      return null;
    }
    long stateBytes = completed.path("state_size").asLong();
    return new Checkpoint(completed.path("id").asLong(), stateBytes,
        completed.path("checkpointed_size").asLong(stateBytes), completed.path("end_to_end_duration").asLong(),
        completed.path("latest_ack_timestamp").asLong(), completed.path("external_path").asText(null));
  }

  /** The state backend the job runs on, as Flink names it (e.g. EmbeddedRocksDBStateBackend). */
  public String stateBackend(String jobId) throws IOException {
    return text(get("/jobs/" + jobId + "/checkpoints/config"), "state_backend");
  }

  /** Where the job's newest completed checkpoint is (retained on cancellation), to resume from. */
  public String latestCheckpointPath(String jobId) throws IOException {
    Checkpoint latest = latestCheckpoint(jobId);
    if (latest == null || latest.externalPath() == null) {
      throw new IOException("no completed checkpoint of job " + jobId);
    }
    return latest.externalPath();
  }

  /** The checkpoint or savepoint the job was started from, or null when it started empty. */
  public String restoredFrom(String jobId) throws IOException {
    JsonNode restored = get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
    return restored.isObject() ? text(restored, "external_path") : null;
  }

  /** The number of TaskManagers registered with the cluster. */
  public int taskManagers() throws IOException {
    return get("/overview").path("taskmanagers").asInt();
  }

  /** The job's exception history as Flink reports it (empty when it never failed). */
  public String exceptions(String jobId) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/exceptions")).GET(), 200);
  }

  public void cancel(String jobId) throws IOException {
    send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()), 202);
  }

  /** Something to do with the job at every poll while waiting for it, e.g. note its checkpoints. */
  public interface Poll {
    void polled(String jobId) throws IOException;
  }

  /** Waits until the job reaches one of {@code states}; returns it. */
  public String awaitState(String jobId, Duration timeout, String... states) throws IOException, InterruptedException {
    return awaitState(jobId, timeout, id -> { }, states);
  }

  /** As {@link #awaitState(String, Duration, String...)}, calling {@code onEachPoll} before each look. */
  public String awaitState(String jobId, Duration timeout, Poll onEachPoll, String... states)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      onEachPoll.polled(jobId);
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

  private JsonNode get(String path) throws IOException {
    return JSON.readTree(send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200));
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

  /** A string field of a JSON object; an error naming the answer when it is missing. */
  private static String text(JsonNode json, String name) throws IOException {
    JsonNode value = json.path(name);
    if (!value.isTextual()) {
      throw new IOException("no \"" + name + "\" in Flink's answer: " + json);
    }
    return value.asText();
  }
}
