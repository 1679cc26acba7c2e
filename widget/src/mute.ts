// "Close means close": when the owner asks for it, the close button mutes the widget in this browser for
// some hours. One localStorage entry per widget key holding an epoch ms; no cookie, nothing sent anywhere.

export interface MuteMemory {
  /** Epoch ms until which nothing may show; 0 when not muted (or when storage cannot be read). */
  mutedUntil(): number;
  /** Mutes until `until`; false when the browser would not keep it (then closing only closes that popup). */
  muteUntil(until: number): boolean;
}

/** For a page view that must never mute itself (the admin's offline preview). */
export const NEVER_MUTED: MuteMemory = { mutedUntil: () => 0, muteUntil: () => false };

/**
 * `getStorage` is a function because merely reading `window.localStorage` throws in sandboxed iframes
 * and with blocked site data. Read on every check, so a mute from another tab of the site applies too.
 */
export function createMuteMemory(widgetKey: string, getStorage: () => Storage): MuteMemory {
  const storageKey = `proofhook:muted-until:${widgetKey}`;
  return {
    mutedUntil() {
      try {
        const until = Number(getStorage().getItem(storageKey));
        return Number.isFinite(until) && until > 0 ? until : 0;
      } catch {
        return 0;
      }
    },
    muteUntil(until) {
      try {
        getStorage().setItem(storageKey, String(until));
        return true;
      } catch {
        return false;
      }
    },
  };
}
