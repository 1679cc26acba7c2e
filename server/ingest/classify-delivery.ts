// Decides what a parsed webhook becomes: a conversion, or an ignored delivery with a reason.
import type { Notification } from '../notifications/notification.types.ts';
import type { NormalizedConversion } from '../normalize/types.ts';

export type Classification =
  | { outcome: 'accepted'; conversion: NormalizedConversion }
  | { outcome: 'ignored'; reason: string };

/**
 * `check`: a GET/HEAD/OPTIONS/DELETE without query data — a sender testing that the URL works.
 * `empty`: a POST/PUT/PATCH with no body and no query data.
 * `data`: anything carrying data.
 */
export type RequestShape = 'check' | 'empty' | 'data';

export interface ClassifyInput {
  notification: Pick<Notification, 'kind' | 'status'>;
  shape: RequestShape;
  conversion: NormalizedConversion;
}

export function classifyDelivery({ notification, shape, conversion }: ClassifyInput): Classification {
  if (notification.status === 'paused') return { outcome: 'ignored', reason: 'notification is paused' };
  if (shape === 'check') return { outcome: 'ignored', reason: 'validation request (no data)' };
  if (notification.kind === 'visitors') {
    return { outcome: 'ignored', reason: 'a live-visitors notification counts open pages, not webhooks' };
  }
  if (conversion.notShownReason) return { outcome: 'ignored', reason: conversion.notShownReason };
  // A conversion counter counts every POST, even an empty one, as the Proofhook conversion format says.
  if (notification.kind === 'conversion') return { outcome: 'accepted', conversion };
  if (shape === 'empty') return { outcome: 'ignored', reason: 'empty body (validation request)' };
  if (!conversion.email) return { outcome: 'ignored', reason: 'no email address found in the payload' };
  return { outcome: 'accepted', conversion };
}
