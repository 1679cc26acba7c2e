// The Storage contract for sites and notifications: SQLite and PostgreSQL give the same answers.
import { describe, expect, test } from 'vitest';
import type { VerificationConfig } from '../../server/ingest/signatures/verification-config.ts';
import { createTarget } from './storage-builders.ts';
import { describeStorageContract } from './storage-contract-suite.ts';

describeStorageContract((t, storage) => {
  describe('sites', () => {
    test('create returns the site with a widget key, and find/list/findByWidgetKey read it back', async () => {
      const site = await storage().sites.create({
        name: 'Sneaker Shop',
        allowedOrigins: ['https://shop.example.com'],
      });
      expect(site).toEqual({
        id: expect.any(Number),
        name: 'Sneaker Shop',
        allowedOrigins: ['https://shop.example.com'],
        widgetKey: expect.stringMatching(/^pk_/),
        createdAt: t().clock.now(),
        updatedAt: t().clock.now(),
        deletedAt: null,
      });
      await storage().sites.create({ name: 'Second', allowedOrigins: [] });
      expect(await storage().sites.find(site.id)).toEqual(site);
      expect(await storage().sites.findByWidgetKey(site.widgetKey)).toEqual(site);
      expect((await storage().sites.list()).map((each) => each.name)).toEqual(['Sneaker Shop', 'Second']);
      expect(await storage().sites.find(site.id + 100)).toBeUndefined();
      expect(await storage().sites.findByWidgetKey('pk_unknown')).toBeUndefined();
    });

    test('update changes only what the patch names and moves updatedAt', async () => {
      const site = await storage().sites.create({ name: 'Shop', allowedOrigins: ['https://a.example'] });
      t().clock.advance(1000);
      const renamed = await storage().sites.update(site.id, { name: 'Renamed' });
      expect(renamed).toMatchObject({
        name: 'Renamed',
        allowedOrigins: ['https://a.example'],
        updatedAt: t().clock.now(),
      });
      const cleared = await storage().sites.update(site.id, { allowedOrigins: [] });
      expect(cleared).toMatchObject({ name: 'Renamed', allowedOrigins: [], createdAt: site.createdAt });
      expect(await storage().sites.update(site.id + 100, { name: 'x' })).toBeUndefined();
    });

    test('remove tombstones the site and its notifications, whose tokens still resolve as deleted', async () => {
      const target = await createTarget(storage());
      const notification = await storage().notifications.find(target.notificationId);
      t().clock.advance(5000);
      expect(await storage().sites.remove(target.siteId)).toBe(true);
      expect(await storage().sites.remove(target.siteId)).toBe(false);
      expect(await storage().sites.find(target.siteId)).toBeUndefined();
      expect(await storage().sites.list()).toEqual([]);
      expect(await storage().sites.update(target.siteId, { name: 'x' })).toBeUndefined();
      expect(await storage().notifications.find(target.notificationId)).toBeUndefined();
      expect(await storage().notifications.findByIngestToken(notification?.ingestToken ?? '')).toMatchObject({
        id: target.notificationId,
        status: 'deleted',
        deletedAt: t().clock.now(),
      });
    });
  });

  describe('notifications', () => {
    test('create applies the defaults, and find/listBySite/findByIngestToken read it back', async () => {
      const site = await storage().sites.create({ name: 'Shop', allowedOrigins: [] });
      const created = await storage().notifications.create({
        siteId: site.id,
        kind: 'stream',
        name: 'Purchases',
        messageTemplate: '{{firstName}} bought it',
        display: { position: 'bottom-right' },
      });
      expect(created).toEqual({
        id: expect.any(Number),
        siteId: site.id,
        kind: 'stream',
        name: 'Purchases',
        messageTemplate: '{{firstName}} bought it',
        status: 'active',
        ingestToken: expect.stringMatching(/^whk_/),
        display: { position: 'bottom-right' },
        verification: null,
        onVerificationFailure: 'quarantine',
        fieldMap: null,
        createdAt: t().clock.now(),
        updatedAt: t().clock.now(),
        deletedAt: null,
      });
      expect(await storage().notifications.find(created.id)).toEqual(created);
      expect(await storage().notifications.findByIngestToken(created.ingestToken)).toEqual(created);
      expect(await storage().notifications.listBySite(site.id)).toEqual([created]);
      expect(await storage().notifications.findByIngestToken('whk_unknown')).toBeUndefined();
    });

    test('update merges the display patch and sets or clears verification', async () => {
      const target = await createTarget(storage());
      const id = target.notificationId;
      await storage().notifications.update(id, { display: { position: 'top-left' } });
      t().clock.advance(10);
      const verification: VerificationConfig = { scheme: 'shared-secret', secrets: ['s3cret'], header: 'x-token' };
      const updated = await storage().notifications.update(id, {
        name: 'Renamed',
        status: 'paused',
        display: { loop: true, include: ['/checkout'] },
        verification,
        onVerificationFailure: 'reject',
      });
      expect(updated).toMatchObject({
        name: 'Renamed',
        status: 'paused',
        display: { position: 'top-left', loop: true, include: ['/checkout'] },
        verification,
        onVerificationFailure: 'reject',
        updatedAt: t().clock.now(),
      });
      const cleared = await storage().notifications.update(id, { verification: null });
      expect(cleared).toMatchObject({ name: 'Renamed', verification: null, onVerificationFailure: 'reject' });
      expect(await storage().notifications.update(id + 100, { name: 'x' })).toBeUndefined();
    });

    test('rotateToken replaces the ingest token; the old one no longer resolves', async () => {
      const target = await createTarget(storage());
      const before = await storage().notifications.find(target.notificationId);
      const rotated = await storage().notifications.rotateToken(target.notificationId);
      expect(rotated?.ingestToken).toMatch(/^whk_/);
      expect(rotated?.ingestToken).not.toBe(before?.ingestToken);
      expect(await storage().notifications.findByIngestToken(before?.ingestToken ?? '')).toBeUndefined();
      expect(await storage().notifications.findByIngestToken(rotated?.ingestToken ?? '')).toMatchObject({
        id: target.notificationId,
      });
    });

    test('findByIngestToken sees every change at once, however often it was asked before', async () => {
      const target = await createTarget(storage());
      const lookup = (token: string) => storage().notifications.findByIngestToken(token);
      const token = (await storage().notifications.find(target.notificationId))?.ingestToken ?? '';
      expect(await lookup(token)).toMatchObject({ status: 'active', name: 'Recent purchases' });
      await storage().notifications.update(target.notificationId, { status: 'paused', name: 'Paused buys' });
      expect(await lookup(token)).toMatchObject({ status: 'paused', name: 'Paused buys' });
      const rotated = (await storage().notifications.rotateToken(target.notificationId))?.ingestToken ?? '';
      expect(await lookup(token)).toBeUndefined();
      expect(await lookup(rotated)).toMatchObject({ id: target.notificationId, status: 'paused' });
      await storage().notifications.remove(target.notificationId);
      expect(await lookup(rotated)).toMatchObject({ status: 'deleted' });

      const second = await createTarget(storage());
      const secondToken = (await storage().notifications.find(second.notificationId))?.ingestToken ?? '';
      expect(await lookup(secondToken)).toMatchObject({ status: 'active' });
      await storage().sites.remove(second.siteId);
      expect(await lookup(secondToken)).toMatchObject({ status: 'deleted' });
    });

    test('remove tombstones: hidden from find and listBySite, still found by token, not rotatable', async () => {
      const target = await createTarget(storage());
      const token = (await storage().notifications.find(target.notificationId))?.ingestToken ?? '';
      expect(await storage().notifications.remove(target.notificationId)).toBe(true);
      expect(await storage().notifications.remove(target.notificationId)).toBe(false);
      expect(await storage().notifications.find(target.notificationId)).toBeUndefined();
      expect(await storage().notifications.listBySite(target.siteId)).toEqual([]);
      expect(await storage().notifications.findByIngestToken(token)).toMatchObject({ status: 'deleted' });
      expect(await storage().notifications.rotateToken(target.notificationId)).toBeUndefined();
      expect(await storage().notifications.update(target.notificationId, { name: 'x' })).toBeUndefined();
    });
  });
});
