-- litmeter on a ClickHouse cluster: each table of the migrations becomes a replicated local
-- table on every shard plus a Distributed table of the same name in database litmeter, so that
-- the pipeline, the dashboards and the analysts' queries run unchanged. Works on 18.16 and on
-- current servers (macros {shard} and {replica} from each server's config, ZooKeeper or Keeper).
--
-- Sharding keys keep every row of one ReplacingMergeTree key on one shard, so that FINAL (which
-- deduplicates within a shard) still sees each row once: samples and device events by center,
-- rates and their history by scope_id, alerts by alert_id, dead letters by origin. Centers and
-- restatements are few: every server is a replica of one table of each, so a join stays local.
--
-- Apply the migrations on every server first (they create the single-server tables this copies
-- the structure from), then run this once, before any data is loaded (ON CLUSTER reaches every
-- server; the single-server tables are dropped). ClickHouseClusterIT runs it on two 18.16 servers
-- with a real ZooKeeper.
--
-- The replicated tables are created from a SELECT, not AS the single-server table: ClickHouse 18.16
-- cannot create a Replicated table whose columns carry comments ("Table structure in ZooKeeper is
-- too different from local table structure"). The Distributed tables, which analysts query, keep
-- the comments.

CREATE DATABASE IF NOT EXISTS litmeter_local ON CLUSTER litmeter_cluster;

CREATE TABLE IF NOT EXISTS litmeter_local.samples ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/samples', '{replica}')
PARTITION BY toYYYYMM(event_time)
ORDER BY (center, device_uuid, event_time_ms)
AS SELECT * FROM litmeter.samples WHERE 0;

CREATE TABLE IF NOT EXISTS litmeter_local.rates ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/rates', '{replica}', revision)
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, window_start)
AS SELECT * FROM litmeter.rates WHERE 0;

-- every revision of every rates row, fed on each shard from the rows its local rates table receives
CREATE TABLE IF NOT EXISTS litmeter_local.rates_history ON CLUSTER litmeter_cluster
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/litmeter/rates_history', '{replica}')
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, window_start, revision)
AS SELECT * FROM litmeter.rates_history WHERE 0;
DROP TABLE IF EXISTS litmeter.rates_history_feed ON CLUSTER litmeter_cluster;
CREATE MATERIALIZED VIEW IF NOT EXISTS litmeter_local.rates_history_feed ON CLUSTER litmeter_cluster
TO litmeter_local.rates_history AS SELECT * FROM litmeter_local.rates;

CREATE TABLE IF NOT EXISTS litmeter_local.device_events ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/device_events', '{replica}')
PARTITION BY toYYYYMM(event_time)
ORDER BY (center, device_uuid, event_time_ms, kind, action)
AS SELECT * FROM litmeter.device_events WHERE 0;

CREATE TABLE IF NOT EXISTS litmeter_local.alerts ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/alerts', '{replica}', updated_at)
ORDER BY alert_id
AS SELECT * FROM litmeter.alerts WHERE 0;

CREATE TABLE IF NOT EXISTS litmeter_local.dead_letters ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/litmeter/dead_letters', '{replica}')
ORDER BY (stage, reason, origin)
AS SELECT * FROM litmeter.dead_letters WHERE 0;

-- the registry: one ZooKeeper path for all servers, so every server holds every center
CREATE TABLE IF NOT EXISTS litmeter_local.centers ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/litmeter/centers', '{replica}', updated_at)
ORDER BY center_id
AS SELECT * FROM litmeter.centers WHERE 0;
DROP TABLE IF EXISTS litmeter.centers ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.centers TO litmeter.centers ON CLUSTER litmeter_cluster;

-- the record of restatements, small like the registry: every server holds all of it
CREATE TABLE IF NOT EXISTS litmeter_local.restatements ON CLUSTER litmeter_cluster
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/litmeter/restatements', '{replica}', version)
ORDER BY revision
AS SELECT * FROM litmeter.restatements WHERE 0;
DROP TABLE IF EXISTS litmeter.restatements ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.restatements TO litmeter.restatements ON CLUSTER litmeter_cluster;

-- the names everything queries: Distributed tables over the local ones, created as copies of the
-- single-server tables (so they keep the column comments) before those are dropped
CREATE TABLE IF NOT EXISTS litmeter_local.samples_distributed ON CLUSTER litmeter_cluster AS litmeter.samples
ENGINE = Distributed(litmeter_cluster, litmeter_local, samples, cityHash64(center));
DROP TABLE litmeter.samples ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.samples_distributed TO litmeter.samples ON CLUSTER litmeter_cluster;
CREATE TABLE IF NOT EXISTS litmeter_local.rates_distributed ON CLUSTER litmeter_cluster AS litmeter.rates
ENGINE = Distributed(litmeter_cluster, litmeter_local, rates, cityHash64(scope_id));
DROP TABLE litmeter.rates ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.rates_distributed TO litmeter.rates ON CLUSTER litmeter_cluster;
CREATE TABLE IF NOT EXISTS litmeter_local.rates_history_distributed ON CLUSTER litmeter_cluster AS litmeter.rates_history
ENGINE = Distributed(litmeter_cluster, litmeter_local, rates_history, cityHash64(scope_id));
DROP TABLE litmeter.rates_history ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.rates_history_distributed TO litmeter.rates_history ON CLUSTER litmeter_cluster;
CREATE TABLE IF NOT EXISTS litmeter_local.device_events_distributed ON CLUSTER litmeter_cluster AS litmeter.device_events
ENGINE = Distributed(litmeter_cluster, litmeter_local, device_events, cityHash64(center));
DROP TABLE litmeter.device_events ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.device_events_distributed TO litmeter.device_events ON CLUSTER litmeter_cluster;
CREATE TABLE IF NOT EXISTS litmeter_local.alerts_distributed ON CLUSTER litmeter_cluster AS litmeter.alerts
ENGINE = Distributed(litmeter_cluster, litmeter_local, alerts, cityHash64(alert_id));
DROP TABLE litmeter.alerts ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.alerts_distributed TO litmeter.alerts ON CLUSTER litmeter_cluster;
CREATE TABLE IF NOT EXISTS litmeter_local.dead_letters_distributed ON CLUSTER litmeter_cluster AS litmeter.dead_letters
ENGINE = Distributed(litmeter_cluster, litmeter_local, dead_letters, cityHash64(origin));
DROP TABLE litmeter.dead_letters ON CLUSTER litmeter_cluster;
RENAME TABLE litmeter_local.dead_letters_distributed TO litmeter.dead_letters ON CLUSTER litmeter_cluster;
