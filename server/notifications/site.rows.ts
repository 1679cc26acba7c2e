// Maps site rows (the same columns in SQLite and PostgreSQL) to Site objects.
import type { Site } from './site.types.ts';

export interface SiteRow {
  id: number;
  name: string;
  allowed_origins: string;
  widget_key: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    widgetKey: row.widget_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}
