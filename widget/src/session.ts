// Per-tab memory across page views (sessionStorage, never cookies): shown conversion ids and popups per notification.

export interface SessionMemory {
  wasShown(conversionId: number): boolean;
  shownCount(notificationId: number): number;
  /** A history popup: counts against maxPerSession, and its conversion never shows again in this tab. */
  recordShown(notificationId: number, conversionId?: number): void;
  /** A live popup: not counted against the history caps, but never shown again (e.g. as history after a reload). */
  recordLiveShown(conversionId: number): void;
}

const MAX_REMEMBERED_IDS = 500;

interface Saved {
  ids: number[];
  counts: Record<string, number>;
}

/**
 * `getStorage` is a function because merely reading `window.sessionStorage` throws in sandboxed
 * iframes and with blocked site data; then the memory lasts for this page view only.
 */
export function createSessionMemory(widgetKey: string, getStorage: () => Storage): SessionMemory {
  const storageKey = `proofhook:${widgetKey}`;
  const saved: Saved = { ids: [], counts: {} };
  try {
    const parsed = JSON.parse(getStorage().getItem(storageKey) ?? '{}') as Partial<Saved>;
    if (Array.isArray(parsed.ids)) saved.ids = parsed.ids.filter((id) => typeof id === 'number');
    if (parsed.counts && typeof parsed.counts === 'object') saved.counts = parsed.counts;
  } catch {
    // Blocked or corrupt: start empty.
  }
  const shown = new Set(saved.ids);

  const remember = (conversionId: number | undefined) => {
    if (conversionId !== undefined && !shown.has(conversionId)) {
      shown.add(conversionId);
      saved.ids.push(conversionId);
      if (saved.ids.length > MAX_REMEMBERED_IDS) shown.delete(saved.ids.shift() as number);
    }
    try {
      getStorage().setItem(storageKey, JSON.stringify(saved));
    } catch {
      // Quota or blocked storage: the in-memory copy still holds for this page view.
    }
  };

  return {
    wasShown: (conversionId) => shown.has(conversionId),
    shownCount: (notificationId) => Number(saved.counts[notificationId]) || 0,
    recordShown(notificationId, conversionId) {
      saved.counts[notificationId] = (Number(saved.counts[notificationId]) || 0) + 1;
      remember(conversionId);
    },
    recordLiveShown: remember,
  };
}
