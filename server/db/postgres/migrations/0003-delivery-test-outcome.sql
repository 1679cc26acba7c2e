-- Test events (Send test, or any request with X-Proofhook-Test: 1) are kept as deliveries with the
-- outcome 'test' and never become conversions. The constraint has PostgreSQL's default name.
ALTER TABLE delivery DROP CONSTRAINT delivery_outcome_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_outcome_check
  CHECK (outcome IN ('accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified', 'test'));
