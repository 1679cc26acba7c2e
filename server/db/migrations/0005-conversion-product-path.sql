-- Product counters ("3 people bought this in the last 24 hours", docs/design.md): the path of each
-- conversion's product link, so a product page's count is one index range scan. Virtual: computed on
-- read and in the index only, so adding it does not rewrite the table. Steps, innermost first: cut the
-- link at its query or fragment ('#' is read as '?'), drop "scheme://host" when there is one, drop
-- trailing slashes. server/conversions/product-path.ts does the same in TypeScript for live pushes.
ALTER TABLE conversion ADD COLUMN product_path TEXT GENERATED ALWAYS AS (
  rtrim(iif(
    instr(substr(replace(product_link, '#', '?'), 1, instr(replace(product_link, '#', '?') || '?', '?') - 1), '://') > 0,
    substr(
      substr(substr(replace(product_link, '#', '?'), 1, instr(replace(product_link, '#', '?') || '?', '?') - 1),
        instr(substr(replace(product_link, '#', '?'), 1, instr(replace(product_link, '#', '?') || '?', '?') - 1), '://') + 3),
      instr(
        substr(substr(replace(product_link, '#', '?'), 1, instr(replace(product_link, '#', '?') || '?', '?') - 1),
          instr(substr(replace(product_link, '#', '?'), 1, instr(replace(product_link, '#', '?') || '?', '?') - 1), '://') + 3)
        || '/',
        '/')),
    substr(replace(product_link, '#', '?'), 1, instr(replace(product_link, '#', '?') || '?', '?') - 1)
  ), '/')
) VIRTUAL;

-- Only conversions with a product link: the others can never be counted for a product page.
CREATE INDEX conversion_product_path ON conversion (notification_id, product_path, received_at)
  WHERE product_path IS NOT NULL;
