-- Goals (docs/goals.md): daily counts per site, exposure group and goal, and per notification for
-- goals reached after a click. Counts only: no row per visitor, no address, no identifier.
CREATE TABLE goal_visit (
  site_id INTEGER NOT NULL REFERENCES site (id),
  day TEXT NOT NULL,
  exposure TEXT NOT NULL CHECK (exposure IN ('clicked', 'exposed', 'unexposed', 'control')),
  visits INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, exposure)
) WITHOUT ROWID;

CREATE TABLE goal_completion (
  site_id INTEGER NOT NULL REFERENCES site (id),
  day TEXT NOT NULL,
  exposure TEXT NOT NULL CHECK (exposure IN ('clicked', 'exposed', 'unexposed', 'control')),
  goal TEXT NOT NULL,
  completions INTEGER NOT NULL DEFAULT 0,
  -- Browsers that reached the goal for the first time that day: the numerator of a conversion rate.
  converters INTEGER NOT NULL DEFAULT 0,
  value_cents INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, exposure, goal)
) WITHOUT ROWID;

CREATE TABLE goal_notification (
  notification_id INTEGER NOT NULL REFERENCES notification (id),
  day TEXT NOT NULL,
  goal TEXT NOT NULL,
  completions INTEGER NOT NULL DEFAULT 0,
  value_cents INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (notification_id, day, goal)
) WITHOUT ROWID;
