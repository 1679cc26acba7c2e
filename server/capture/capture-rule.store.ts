// A site's capture rules, kept as one JSON value in the settings table (key `capture-rules:<siteId>`)
// of either backend. At most 20 small rules per site, read whole at each widget handshake and each
// captured form: one indexed key lookup, no table or migration of its own (docs/form-capture.md says
// why). Writes of one site are queued in this process, so two quick edits never lose each other.
import type { Clock } from '../clock.ts';
import type { SettingRepository } from '../settings/setting.types.ts';
import { type CaptureRule, type CaptureRuleInput, MAX_CAPTURE_RULES_PER_SITE } from './capture-rule.types.ts';

interface StoredRules {
  /** Ids are never reused, so a widget holding an old rule id cannot hit a newer rule. */
  nextId: number;
  rules: CaptureRule[];
}

export interface CaptureRuleStore {
  list(siteId: number): Promise<CaptureRule[]>;
  find(siteId: number, id: number): Promise<CaptureRule | undefined>;
  /** Undefined when the site already has MAX_CAPTURE_RULES_PER_SITE rules (checked in the queue). */
  create(siteId: number, input: CaptureRuleInput): Promise<CaptureRule | undefined>;
  /** Undefined when the site has no such rule. */
  update(siteId: number, id: number, patch: Partial<CaptureRuleInput>): Promise<CaptureRule | undefined>;
  /** False when the site has no such rule. */
  remove(siteId: number, id: number): Promise<boolean>;
}

const keyOf = (siteId: number) => `capture-rules:${siteId}`;

function parseStored(value: string | undefined): StoredRules {
  if (value === undefined) return { nextId: 1, rules: [] };
  const parsed = JSON.parse(value) as StoredRules;
  return { nextId: parsed.nextId, rules: parsed.rules };
}

export function createCaptureRuleStore(settings: SettingRepository, clock: Clock): CaptureRuleStore {
  const queues = new Map<number, Promise<unknown>>();
  const read = async (siteId: number) => parseStored(await settings.get(keyOf(siteId)));

  /** Runs read-change-write for one site after the previous one of the same site has finished. */
  function change<T>(siteId: number, edit: (stored: StoredRules) => T | undefined): Promise<T | undefined> {
    const run = (queues.get(siteId) ?? Promise.resolve()).then(async () => {
      const stored = await read(siteId);
      const result = edit(stored);
      // Nothing changed (no such rule, or the site is full): nothing to write.
      if (result !== undefined) await settings.set(keyOf(siteId), JSON.stringify(stored));
      return result;
    });
    const settled = run.catch(() => undefined);
    queues.set(siteId, settled);
    settled.then(() => {
      if (queues.get(siteId) === settled) queues.delete(siteId);
    });
    return run;
  }

  return {
    async list(siteId) {
      return (await read(siteId)).rules;
    },
    async find(siteId, id) {
      return (await read(siteId)).rules.find((rule) => rule.id === id);
    },
    create(siteId, input) {
      return change(siteId, (stored) => {
        if (stored.rules.length >= MAX_CAPTURE_RULES_PER_SITE) return undefined;
        const now = clock.now();
        const rule: CaptureRule = { id: stored.nextId, siteId, ...input, createdAt: now, updatedAt: now };
        stored.nextId += 1;
        stored.rules.push(rule);
        return rule;
      });
    },
    update(siteId, id, patch) {
      return change(siteId, (stored) => {
        const index = stored.rules.findIndex((rule) => rule.id === id);
        if (index < 0) return undefined;
        const rule = { ...stored.rules[index], ...patch, updatedAt: clock.now() } as CaptureRule;
        stored.rules[index] = rule;
        return rule;
      });
    },
    async remove(siteId, id) {
      const removed = await change(siteId, (stored) => {
        const before = stored.rules.length;
        stored.rules = stored.rules.filter((rule) => rule.id !== id);
        return stored.rules.length < before ? true : undefined;
      });
      return removed === true;
    },
  };
}
