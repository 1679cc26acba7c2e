// The base URL printed in webhook URLs and snippets: PUBLIC_URL, or the URL this request came in on.
import type { Request } from 'express';

export function publicBaseUrl(configured: string | undefined, req: Request): string {
  if (configured) return configured;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
