-- Sites, notifications, conversions, deliveries, the dedupe window, widget stats and settings.
-- Times are INTEGER epoch milliseconds; JSON columns hold TEXT.

CREATE TABLE site (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  widget_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);

CREATE TABLE notification (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES site (id),
  kind TEXT NOT NULL CHECK (kind IN ('stream', 'conversion', 'visitors')),
  name TEXT NOT NULL,
  message_template TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'deleted')),
  ingest_token TEXT NOT NULL UNIQUE,
  display TEXT NOT NULL DEFAULT '{}',
  -- Signature verification: a JSON VerificationConfig, or NULL when off.
  verification TEXT,
  on_verification_failure TEXT NOT NULL DEFAULT 'quarantine'
    CHECK (on_verification_failure IN ('quarantine', 'reject')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX notification_site ON notification (site_id);

CREATE TABLE delivery (
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
    CHECK (outcome IN ('accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified')),
  reason TEXT,
  dedupe_key TEXT,
  body_format TEXT,
  normalized TEXT,
  field_sources TEXT,
  conversion_id INTEGER,
  -- Set on a delivery made by replaying an earlier one from the log.
  replay_of INTEGER
);
CREATE INDEX delivery_notification_time ON delivery (notification_id, id DESC);
CREATE INDEX delivery_received ON delivery (received_at);

CREATE TABLE conversion (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notification (id),
  site_id INTEGER NOT NULL REFERENCES site (id),
  delivery_id INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  occurred_at INTEGER NOT NULL,
  dedupe_key TEXT,
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  name_derived INTEGER NOT NULL DEFAULT 0,
  ip TEXT,
  city TEXT,
  state TEXT,
  state_code TEXT,
  country TEXT,
  country_code TEXT,
  product_name TEXT,
  product_link TEXT,
  product_image TEXT,
  total REAL,
  currency TEXT,
  products TEXT NOT NULL DEFAULT '[]',
  more_products INTEGER NOT NULL DEFAULT 0,
  guid TEXT,
  event TEXT
);
CREATE INDEX conversion_notification_time ON conversion (notification_id, id DESC);
CREATE INDEX conversion_site_time ON conversion (site_id, id DESC);
CREATE INDEX conversion_email ON conversion (email);

-- One row per dedupe key and notification; a key older than the window may be reused.
CREATE TABLE dedupe_key (
  notification_id INTEGER NOT NULL REFERENCES notification (id),
  key TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  conversion_id INTEGER,
  PRIMARY KEY (notification_id, key)
) WITHOUT ROWID;

-- Impressions, clicks and dismisses reported by widgets, per notification per UTC day.
CREATE TABLE widget_stat (
  notification_id INTEGER NOT NULL REFERENCES notification (id),
  day TEXT NOT NULL,
  impressions INTEGER NOT NULL DEFAULT 0,
  clicks INTEGER NOT NULL DEFAULT 0,
  dismisses INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (notification_id, day)
) WITHOUT ROWID;

-- Small facts the service keeps about itself (e.g. which site is the built-in demo).
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
