-- No query reads conversions by site: the widget's backfill and every list go by notification
-- (conversion_notification_time), erasure by email, product counters by product_path. Every
-- webhook still paid to keep this index up to date (docs/benchmarks.md, "After the ack-path work").
DROP INDEX conversion_site_time;
