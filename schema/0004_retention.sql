-- 0004_retention.sql: what the daemon's retention pass needs to find old
-- rows without scanning. Polls older than retention_days go (their
-- commands, outputs, snapshots and typed rows with them, by ON DELETE
-- CASCADE); cleared alerts older than alert_retention_days go; open
-- alerts never do.

CREATE INDEX alerts_cleared ON alerts (cleared_at) WHERE cleared_at IS NOT NULL;
