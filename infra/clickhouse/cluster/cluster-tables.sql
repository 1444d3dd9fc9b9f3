-- litmeter on a ClickHouse cluster: each table of the migrations becomes a replicated local
-- table on every shard plus a Distributed table of the same name in database litmeter, so that
-- the pipeline, the dashboards and the analysts' queries run unchanged. Works on 18.16 and on
-- current servers (macros {shard} and {replica} from each server's config, ZooKeeper or Keeper).
--
-- Sharding keys keep every row of one ReplacingMergeTree key on one shard, so that FINAL (which
-- deduplicates within a shard) still sees each row once: samples and device events by center,
-- rates by scope_id, alerts by alert_id, dead letters by origin. Centers are few: every server is
-- a replica of one registry table, so a join with it stays local.
--
-- Apply the migrations on every server first (they create the single-server tables this copies
-- the structure from), then run this once (ON CLUSTER reaches every server). Not run by the tests:
-- the build machines have no ZooKeeper.

CREATE DATABASE IF NOT EXISTS litmeter_local ON CLUSTER litmeter_cluster;

CREATE TABLE IF NOT EXISTS litmeter_local.samples ON CLUSTER litmeter_cluster AS litmeter.samples
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/samples', '{replica}')
PARTITION BY toYYYYMM(event_time)
ORDER BY (center, device_uuid, event_time_ms);

CREATE TABLE IF NOT EXISTS litmeter_local.rates ON CLUSTER litmeter_cluster AS litmeter.rates
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/rates', '{replica}')
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, window_start);

CREATE TABLE IF NOT EXISTS litmeter_local.device_events ON CLUSTER litmeter_cluster AS litmeter.device_events
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/device_events', '{replica}')
PARTITION BY toYYYYMM(event_time)
ORDER BY (center, device_uuid, event_time_ms, kind, action);

CREATE TABLE IF NOT EXISTS litmeter_local.alerts ON CLUSTER litmeter_cluster AS litmeter.alerts
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/alerts', '{replica}', updated_at)
ORDER BY alert_id;

CREATE TABLE IF NOT EXISTS litmeter_local.dead_letters ON CLUSTER litmeter_cluster AS litmeter.dead_letters
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/dead_letters', '{replica}')
ORDER BY (stage, reason, origin);

-- the registry: one ZooKeeper path for all servers, so every server holds every center
CREATE TABLE IF NOT EXISTS litmeter_local.centers ON CLUSTER litmeter_cluster AS litmeter.centers
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/litmeter/centers', '{replica}', updated_at)
ORDER BY center_id;
DROP TABLE IF EXISTS litmeter.centers ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.centers TO litmeter.centers ON CLUSTER litmeter_cluster;

-- the names everything queries: Distributed tables over the local ones
DROP TABLE IF EXISTS litmeter.samples ON CLUSTER litmeter_cluster;
CREATE TABLE litmeter.samples ON CLUSTER litmeter_cluster AS litmeter_local.samples
ENGINE = Distributed(litmeter_cluster, litmeter_local, samples, cityHash64(center));
DROP TABLE IF EXISTS litmeter.rates ON CLUSTER litmeter_cluster;
CREATE TABLE litmeter.rates ON CLUSTER litmeter_cluster AS litmeter_local.rates
ENGINE = Distributed(litmeter_cluster, litmeter_local, rates, cityHash64(scope_id));
DROP TABLE IF EXISTS litmeter.device_events ON CLUSTER litmeter_cluster;
CREATE TABLE litmeter.device_events ON CLUSTER litmeter_cluster AS litmeter_local.device_events
ENGINE = Distributed(litmeter_cluster, litmeter_local, device_events, cityHash64(center));
DROP TABLE IF EXISTS litmeter.alerts ON CLUSTER litmeter_cluster;
CREATE TABLE litmeter.alerts ON CLUSTER litmeter_cluster AS litmeter_local.alerts
ENGINE = Distributed(litmeter_cluster, litmeter_local, alerts, cityHash64(alert_id));
DROP TABLE IF EXISTS litmeter.dead_letters ON CLUSTER litmeter_cluster;
CREATE TABLE litmeter.dead_letters ON CLUSTER litmeter_cluster AS litmeter_local.dead_letters
ENGINE = Distributed(litmeter_cluster, litmeter_local, dead_letters, cityHash64(origin));
