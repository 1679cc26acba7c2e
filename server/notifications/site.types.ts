// The site entity as the rest of the server sees it (its shape is shared with the admin).
import type { Site } from '../../shared/sites.ts';
export type { Site };

export interface SiteInput {
  name: string;
  allowedOrigins: string[];
}

export interface SiteRepository {
  create(input: SiteInput): Promise<Site>;
  list(): Promise<Site[]>;
  find(id: number): Promise<Site | undefined>;
  findByWidgetKey(widgetKey: string): Promise<Site | undefined>;
  update(id: number, patch: Partial<SiteInput>): Promise<Site | undefined>;
  /** Tombstones the site and every notification in it (their webhook URLs then answer 410). */
  remove(id: number): Promise<boolean>;
}
