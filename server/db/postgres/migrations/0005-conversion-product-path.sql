-- Product counters ("3 people bought this in the last 24 hours", docs/design.md): an index on the path
-- of each conversion's product link, so a product page's count is one index range scan. An expression
-- index rather than a stored column: adding it does not rewrite the table. The expression drops
-- "scheme://host", then the query or fragment, then trailing slashes; the count query in
-- server/conversions/product-counts.postgres.ts repeats it word for word (PostgreSQL uses an
-- expression index only for the same expression), and server/conversions/product-path.ts does the
-- same in TypeScript for live pushes.
CREATE INDEX conversion_product_path ON conversion (
  notification_id,
  (rtrim(regexp_replace(product_link, '^[^/?#]*://[^/?#]*|[?#].*$', '', 'g'), '/')),
  received_at
) WHERE product_link IS NOT NULL;
