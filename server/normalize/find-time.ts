// Finds when the conversion happened: the conversion format's `timestamp`, else the shallowest plausible event/creation time.
import { perKey } from './key-cache.ts';
import { keyMatcher } from './key-matchers.ts';
import { type KeyInfo, wordSet } from './key-words.ts';
import { isPlausibleTime, parseTime } from './parse-time.ts';
import type { Leaf, Walk } from './walk-payload.ts';

export interface FoundTime {
  readonly ms: number;
  readonly leaf: Leaf;
}

/** Lower rank wins at the same depth: the event's own time beats a record's creation time. */
const TIME_RANKS: ReadonlyMap<string, number> = new Map([
  ['timestamp', 0],
  ['occurredat', 1],
  ['eventtime', 1],
  ['eventtimestamp', 1],
  ['firedat', 1],
  ['sentat', 1],
  ['happenedat', 1],
  ['triggeredat', 1],
  // Zoom's and Slack-style `event_ts`.
  ['eventts', 1],
  ['submittedat', 2],
  ['submittedon', 2],
  ['submissiondate', 2],
  ['submissiontime', 2],
  ['submittedtime', 2],
  ['datesubmitted', 2],
  ['datepaid', 2],
  ['paymenttime', 2],
  ['purchasetime', 2],
  ['ordertime', 2],
  ['paidat', 2],
  ['paymentdate', 2],
  ['purchasedat', 2],
  ['purchasedate', 2],
  ['completedat', 2],
  ['processedat', 2],
  ['orderdate', 2],
  ['transactiondate', 2],
  ['transactiontime', 2],
  // WooCommerce: the GMT twin of a local date without an offset.
  ['datecreatedgmt', 2],
  ['createdat', 3],
  ['created', 3],
  ['createdon', 3],
  ['createdtime', 3],
  // PayPal REST's create_time, HubSpot's createdate.
  ['createtime', 3],
  ['createdate', 3],
  ['datetimecreated', 3],
  ['creationdate', 3],
  ['datecreated', 3],
  ['date', 4],
  ['time', 4],
  ['datetime', 4],
  ['ts', 4],
]);
const TIME_BASES: ReadonlySet<string> = new Set(TIME_RANKS.keys());
/**
 * Words that say whose time a time field is when they lead its name: the sale's (`order_date`,
 * `donation_date`, Buy Me a Coffee's `support_created_on`, Patreon's `last_charge_date`).
 */
const TIME_PREFIXES: ReadonlySet<string> = wordSet(`
  order event purchase payment transaction submission conversion sale donation charge support booking
  registration signup checkout pledge last
`);
const matchTimeKey = keyMatcher(TIME_BASES, TIME_PREFIXES);
/**
 * Times of other records: a customer's signup, a product's creation, a refund, and JSON:API's
 * `included` and `relationships` (https://jsonapi.org/format/#document-compound-documents).
 */
const OTHER_RECORDS =
  /^(?:customer|user|member|account|product|products|item|items|lineitems|plan|price|variant|card|source|paymentmethod|refunds?|fulfillments?|subscription|discount|coupon|invoice|address|billingaddress|shippingaddress|defaultaddress|metadata|scheduledevent|definition|included|relationships)$/;
const DEPTH_WEIGHT = 10;
const MAX_TIME_DEPTH = 6;

const timeRank = perKey((key: KeyInfo): number | undefined => {
  const base = matchTimeKey(key);
  return base === undefined ? undefined : TIME_RANKS.get(base);
});
const isOtherRecordKey = perKey((key) => OTHER_RECORDS.test(key.norm));

export function findTime(walk: Walk, topLevel: readonly number[], receivedAt: number): FoundTime | undefined {
  const candidates: { leaf: Leaf; score: number }[] = [];
  for (const leaf of walk.leaves) {
    if (leaf.depth > MAX_TIME_DEPTH || leaf.isItem) continue;
    const rank = timeRank(leaf.key);
    if (rank === undefined || isUnderOtherRecord(walk, leaf, topLevel)) continue;
    // The conversion format's top-level `timestamp` outranks everything.
    const top = rank === 0 && topLevel.includes(leaf.parent);
    candidates.push({ leaf, score: top ? -1 : leaf.depth * DEPTH_WEIGHT + rank });
  }
  candidates.sort((a, b) => a.score - b.score || a.leaf.index - b.leaf.index);
  for (const { leaf } of candidates) {
    const ms = parseTime(leaf.value);
    if (ms !== undefined && isPlausibleTime(ms, receivedAt)) return { ms, leaf };
  }
  return undefined;
}

/**
 * Whether the leaf sits in another record than the event's. The event's subject is never another
 * record, whatever it is called: Ghost's `member.current` is the member who just signed up.
 */
function isUnderOtherRecord(walk: Walk, leaf: Leaf, topLevel: readonly number[]): boolean {
  let index = leaf.parent;
  while (index >= 0 && !topLevel.includes(index)) {
    const container = walk.containers[index];
    if (!container) return false;
    if (isOtherRecordKey(container.key)) return true;
    index = container.parent;
  }
  return false;
}
