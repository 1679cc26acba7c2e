// The built-in demo: a site and a stream notification created on first start, so the README's
// curl makes a popup appear on /demo without any setup.
import type { Notification } from '../notifications/notification.types.ts';
import type { Site } from '../notifications/site.types.ts';
import type { Storage } from '../storage/storage.ts';

export const DEMO_SITE_SETTING = 'demo_site_id';

export interface DemoSite {
  site: Site;
  notification: Notification;
}

export async function findDemoSite(storage: Storage): Promise<DemoSite | undefined> {
  const id = Number(await storage.settings.get(DEMO_SITE_SETTING));
  const site = Number.isSafeInteger(id) ? await storage.sites.find(id) : undefined;
  if (!site) return undefined;
  const notification = (await storage.notifications.listBySite(site.id)).find((n) => n.kind === 'stream');
  return notification ? { site, notification } : undefined;
}

export async function ensureDemoSite(storage: Storage): Promise<DemoSite> {
  const existing = await findDemoSite(storage);
  if (existing) return existing;
  const site = await storage.sites.create({ name: 'Demo site', allowedOrigins: [] });
  const notification = await storage.notifications.create({
    siteId: site.id,
    kind: 'stream',
    name: 'Demo purchases',
    messageTemplate: 'purchased {{product}} || signed up',
    // Quick to show so that a first test feels immediate.
    display: { firstDelayMs: 500 },
  });
  await storage.settings.set(DEMO_SITE_SETTING, String(site.id));
  return { site, notification };
}
