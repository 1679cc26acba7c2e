-- Nothing on a hot path reads conversions by email: erasure, which does, is a rare request from the
-- owner and already reads every delivery's body to find the address, so one scan of conversions adds
-- no new order of cost; the admin's search by email stays within one notification
-- (conversion_notification_time). Every webhook paid for this index with a write at a random place
-- in it, a page of its own in each commit (docs/benchmarks.md, "After the ack-path work").
DROP INDEX conversion_email;
