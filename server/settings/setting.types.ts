// A tiny key-value store for facts the service keeps about itself (the demo site's id, a site's
// design, capture rules, onboarding milestones), on either backend.
export interface SettingRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /**
   * Stores `value` unless the key already has one, and resolves with what is stored: with several
   * processes on one database, the first writer wins and every process reads the same value.
   */
  setIfAbsent(key: string, value: string): Promise<string>;
}
