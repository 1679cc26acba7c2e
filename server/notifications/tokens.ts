// Secrets and public keys: distinct prefixes so a widget key can never be mistaken for an ingest token.
import { randomBytes } from 'node:crypto';

/** 192 random bits from the CSPRNG; the secret part of a webhook URL. */
export function createIngestToken(): string {
  return `whk_${randomBytes(24).toString('base64url')}`;
}

/** 128 random bits; public, it goes in the script tag and only lets a page listen. */
export function createWidgetKey(): string {
  return `pk_${randomBytes(16).toString('base64url')}`;
}

export const INGEST_TOKEN_PATTERN = /^whk_[A-Za-z0-9_-]{32}$/;
