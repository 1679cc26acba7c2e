// Admin API: every stored conversion of a notification as a CSV file, newest first, streamed page
// by page (never the whole table in memory), with the fields the conversions API shows.
import { type Response, Router } from 'express';
import type { Logger } from 'pino';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId } from '../validate.ts';
import { CSV_HEADER_LINE, conversionLine } from './export-csv.ts';

const PAGE = 500;
// Excel reads a CSV without a BOM in the machine's legacy charset; with one, as UTF-8.
const UTF8_BOM = '\uFEFF';

/** Resolves when the client has taken what was written, or has gone away. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export function createExportRouter(storage: Storage, logger: Logger): Router {
  const router = Router();
  router.get('/notifications/:id/conversions.csv', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    // The first page is read before the headers go out, so a storage failure is still a clean 500.
    let page = await storage.conversions.listByNotification(notification.id, { limit: PAGE });
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="proofhook-notification-${notification.id}-conversions.csv"`,
      'Cache-Control': 'no-store',
    });
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    res.write(UTF8_BOM + CSV_HEADER_LINE);
    for (;;) {
      const text = page.map(conversionLine).join('');
      if (text !== '' && !res.write(text) && !gone) await drained(res);
      const last = page.at(-1);
      if (gone || page.length < PAGE || !last) break;
      try {
        page = await storage.conversions.listByNotification(notification.id, { limit: PAGE, beforeId: last.id });
      } catch (error) {
        // The status line is gone: cutting the connection tells the client the file is incomplete.
        logger.error({ err: error, notificationId: notification.id }, 'export: reading conversions failed');
        res.destroy(error as Error);
        return;
      }
    }
    res.end();
  });
  return router;
}
