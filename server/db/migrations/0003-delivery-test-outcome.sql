-- Test events (Send test, or any request with X-Proofhook-Test: 1) are kept as deliveries with the
-- outcome 'test' and never become conversions. SQLite cannot change a CHECK constraint in place, so
-- the table is rebuilt with the same columns and indexes (https://www.sqlite.org/lang_altertable.html#otheralter);
-- no other table references it.
CREATE TABLE delivery_new (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notification (id),
  received_at INTEGER NOT NULL,
  method TEXT NOT NULL,
  content_type TEXT,
  headers TEXT NOT NULL,
  query TEXT,
  body BLOB,
  body_bytes INTEGER NOT NULL,
  body_truncated INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL
    CHECK (outcome IN ('accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified', 'test')),
  reason TEXT,
  dedupe_key TEXT,
  body_format TEXT,
  normalized TEXT,
  field_sources TEXT,
  conversion_id INTEGER,
  -- Set on a delivery made by replaying an earlier one from the log.
  replay_of INTEGER
);
INSERT INTO delivery_new (id, notification_id, received_at, method, content_type, headers, query, body, body_bytes,
    body_truncated, status, outcome, reason, dedupe_key, body_format, normalized, field_sources, conversion_id, replay_of)
  SELECT id, notification_id, received_at, method, content_type, headers, query, body, body_bytes,
    body_truncated, status, outcome, reason, dedupe_key, body_format, normalized, field_sources, conversion_id, replay_of
  FROM delivery;
DROP TABLE delivery;
ALTER TABLE delivery_new RENAME TO delivery;
CREATE INDEX delivery_notification_time ON delivery (notification_id, id DESC);
CREATE INDEX delivery_received ON delivery (received_at);
