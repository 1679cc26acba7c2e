// Which backfill a reconnecting widget gets. A widget reconnects with `sinceId`, the highest
// conversion id it has seen, and with one process that is all it needs: the process pushes
// conversions in id order and loses none while the widget is connected, so everything the widget
// lacks came after that id. With several processes it is not: ids are handed out in one order and
// pushed in another (each process commits its own batches), and one process's pushes can be lost to
// another's widgets while Redis is away (see redis-recovery.ts), so a widget can lack a conversion
// whose id is lower than ones it has. Then it gets the whole backfill again (what a page opened now
// would show), and merges it by id: a conversion it has is an update in place, never a second popup.
import type { WidgetHandshakeAuth } from '../../shared/protocol.ts';

/** The id after which the backfill starts; undefined for the whole backfill. */
export function backfillAfterId(auth: Partial<WidgetHandshakeAuth>, clustered: boolean): number | undefined {
  if (clustered) return undefined;
  return Number.isSafeInteger(auth.sinceId) && (auth.sinceId as number) > 0 ? auth.sinceId : undefined;
}
