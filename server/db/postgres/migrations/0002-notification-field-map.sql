-- A notification's field map: the owner's own paths for fields detection reads wrong, as a JSON
-- object ({"total": "amount_cents/100"}), or NULL when there is none (the default). TEXT, like the
-- other JSON columns: exactly what the app wrote.
ALTER TABLE notification ADD COLUMN field_map TEXT;
