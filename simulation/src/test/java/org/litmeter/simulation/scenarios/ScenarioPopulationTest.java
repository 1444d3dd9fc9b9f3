package org.litmeter.simulation.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseEvent;

class ScenarioPopulationTest {

  /** What a population emits, summed up as it streams (a population is tens of millions of samples). */
  private static final class Recorded implements ScenarioPopulation.Sink {
    int registrations;
    boolean registrationAfterRecords;
    long samples;
    long maxSoFar = Long.MIN_VALUE;
    long backwards;
    final Map<String, Long> lastSample = new HashMap<>();
    final Map<String, Set<String>> centersByCard = new HashMap<>();
    final Set<String> removed = new HashSet<>();

    public void registration(CenterRegistration r) {
      registrationAfterRecords |= samples > 0;
      registrations++;
    }

    public void inventory(DeviceInventoryEvent e) {
      if (e.getAction() == InventoryAction.REMOVED) {
        removed.add(e.getCenter() + "/" + e.getDeviceUuid());
      }
    }

    public void lease(LeaseEvent e) {}

    public void sample(GpuSample s) {
      samples++;
      long t = s.getEventTime().toEpochMilli();
      // late samples are the population's own messiness: up to two minutes late, then sent with the
      // next window of every center, so at most two windows and two minutes behind the newest
      backwards += maxSoFar != Long.MIN_VALUE && t < maxSoFar - 720_000 ? 1 : 0;
      maxSoFar = Math.max(maxSoFar, t);
      lastSample.merge(s.getCenter() + "/" + s.getDeviceUuid(), t, Math::max);
      centersByCard.computeIfAbsent(s.getDeviceUuid(), k -> new HashSet<>()).add(s.getCenter());
    }
  }

  @Test
  void halfHonestEveryDishonestCenterLabelledAndTheSameSeedTheSamePopulation() {
    ScenarioPopulation population = new ScenarioPopulation(60, 5);
    List<Scenario> scenarios = population.scenarios();
    assertThat(scenarios).hasSize(60);
    assertThat(scenarios.stream().filter(Scenario::honest)).hasSize(30);
    assertThat(scenarios).allSatisfy(s -> {
      assertThat(s.honest()).isEqualTo(s.expected().isEmpty());
      assertThat(s.honest() && !s.alsoTrue().isEmpty()).as("nothing is true on an honest center").isFalse();
      assertThat(s.parameters()).containsKey("devices");
    });
    assertThat(scenarios.stream().map(Scenario::center).distinct()).hasSize(60);
    assertThat(new ScenarioPopulation(60, 5).scenarios()).isEqualTo(scenarios);
    assertThat(new ScenarioPopulation(60, 6).scenarios()).isNotEqualTo(scenarios);
    assertThatThrownBy(() -> new ScenarioPopulation(1, 5)).hasMessageContaining("at least 2 centers");
  }

  @Test
  void recordsComeRegistryFirstThenWindowByWindowAndEveryCenterEndsOnRecord() {
    ScenarioPopulation population = new ScenarioPopulation(24, 17);
    Recorded out = new Recorded();
    long samples = population.run(out);

    assertThat(out.registrationAfterRecords).isFalse();
    assertThat(out.registrations).isEqualTo(24);
    assertThat(out.samples).as("duplicates are sent twice").isGreaterThanOrEqualTo(samples);
    assertThat(out.backwards).isZero();

    // the end of a center's observation is a removal on record for the cards still reporting
    Set<String> silentEarly = new HashSet<>();
    population.scenarios().stream().filter(s -> s.expected().containsKey("vanished_device"))
        .forEach(s -> silentEarly.add(s.center()));
    out.lastSample.keySet().stream().filter(k -> !silentEarly.contains(k.substring(0, k.indexOf('/'))))
        .forEach(k -> assertThat(out.removed).as(k).contains(k));
  }

  @Test
  void aResoldCardReportsFromTwoCentersAndATransferredOneIsRemovedOnRecordFirst() {
    ScenarioPopulation population = new ScenarioPopulation(60, 3);
    Recorded out = new Recorded();
    population.run(out);
    Map<String, Set<String>> centersByCard = out.centersByCard;
    long resold = centersByCard.entrySet().stream().filter(e -> e.getKey().endsWith("-resold"))
        .filter(e -> e.getValue().size() == 2).count();
    long moved = centersByCard.entrySet().stream().filter(e -> e.getKey().endsWith("-moved"))
        .filter(e -> e.getValue().size() == 2).count();
    assertThat(resold).isEqualTo(population.scenarios().stream().filter(s -> s.name().equals("resold")).count())
        .isPositive();
    assertThat(moved).isEqualTo(population.scenarios().stream()
        .filter(s -> s.name().equals("honest-transfer-origin")).count()).isPositive();
  }
}
