// A site's way to its first popup, ticking itself: the snippet seen on the site, a first webhook, a
// first conversion, a first popup shown. Each step still to do says what to do next. While a step is
// open the list asks the server again every few seconds (only while the page is visible).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { utcDate } from '../format.ts';
import { Link } from '../router.tsx';
import type { OnboardingChecklist, Site } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { RelativeTime } from './bits.tsx';
import { GuideLink, SenderGuidePicker } from './sender-guide.tsx';

const POLL_MS = 3000;

function Step({ title, done, children }: { title: string; done: boolean; children: ComponentChildren }) {
  return (
    <li class={done ? 'step done' : 'step'}>
      <span class="tick" aria-hidden="true">
        {done ? '✓' : ''}
      </span>
      <div>
        <strong>{title}</strong> <span class={done ? 'state done' : 'state'}>{done ? 'Done' : 'To do'}</span>
        {children}
      </div>
    </li>
  );
}

const notificationLink = (list: OnboardingChecklist, id: number) => {
  const n = list.notifications.find((item) => item.id === id);
  return n ? (
    <Link class="clip-inline" href={`/admin/notifications/${n.id}`} title={n.name}>
      {n.name}
    </Link>
  ) : (
    'a notification since deleted'
  );
};

function SnippetStep({
  list,
  site,
  onSiteChange,
}: {
  list: OnboardingChecklist;
  site: Site;
  onSiteChange(s: Site): void;
}) {
  const { api, notify } = useServices();
  const allowed = list.snippet.seen.filter((s) => s.allowed);
  const refused = list.snippet.seen.filter((s) => !s.allowed);
  const allow = async (origin: string) => {
    try {
      onSiteChange(
        await api.patch<Site>(`/api/sites/${site.id}`, { allowedOrigins: [...site.allowedOrigins, origin] }),
      );
      notify(`Allowed ${origin}: the widget now shows popups there`);
    } catch (error) {
      notify(errorText(error), 'error');
    }
  };
  return (
    <Step title="Snippet seen on your site" done={list.snippet.done}>
      {allowed[0] ? (
        <p class="break">
          Seen on {allowed[0].origin}, <RelativeTime ms={allowed[0].at} />
          {allowed.length > 1 ? ` (and on ${allowed.length - 1} more)` : ''}.
        </p>
      ) : (
        <p>
          Paste the <a href="#embed-heading">embed code</a> before &lt;/body&gt; on your site's pages, then open one of
          them: this ticks within seconds.
        </p>
      )}
      {refused.map((s) => (
        <p key={s.origin} class="warn break">
          It also ran on {s.origin} (<RelativeTime ms={s.at} />
          ), which is not an allowed origin: no popups show there.{' '}
          <button type="button" class="button small" onClick={() => allow(s.origin)}>
            Allow {s.origin}
          </button>
        </p>
      ))}
    </Step>
  );
}

function WebhookStep({ list }: { list: OnboardingChecklist }) {
  const { webhook } = list;
  if (!webhook.applies) {
    return (
      <Step title="First webhook received" done={true}>
        <p>Not needed: live-visitors notifications count open pages, not webhooks.</p>
      </Step>
    );
  }
  const hooked = list.notifications.filter((n) => n.kind !== 'visitors');
  return (
    <Step title="First webhook received" done={webhook.done}>
      {webhook.milestone ? (
        <p>
          First one <RelativeTime ms={webhook.milestone.at} />, sent to{' '}
          {notificationLink(list, webhook.milestone.notificationId)}.
        </p>
      ) : hooked.length === 0 ? (
        <p>
          <a href="#create-notification">Create a notification</a> below: it gets a webhook URL for your store, payment
          or form tool.
        </p>
      ) : (
        <>
          <p>
            Copy the webhook URL of {notificationLink(list, (hooked[0] as { id: number }).id)} into your store, payment
            or form tool's webhook settings.
          </p>
          <SenderGuidePicker id={`guide-${list.siteId}`} />
        </>
      )}
    </Step>
  );
}

function ConversionStep({ list }: { list: OnboardingChecklist }) {
  const { conversion, webhook } = list;
  if (!conversion.applies) {
    return (
      <Step title="First conversion accepted" done={true}>
        <p>Not needed: live-visitors notifications count open pages.</p>
      </Step>
    );
  }
  const last = webhook.last;
  return (
    <Step title="First conversion accepted" done={conversion.done}>
      {conversion.milestone ? (
        <p>
          First one <RelativeTime ms={conversion.milestone.at} />, in{' '}
          {notificationLink(list, conversion.milestone.notificationId)}.
        </p>
      ) : last ? (
        <p>
          The latest webhook was <strong>{last.outcome}</strong>
          {last.reason ? `: ${last.reason}` : ''}.{' '}
          <Link href={`/admin/notifications/${last.notificationId}/inspector/${last.id}`}>
            Open it in the inspector
          </Link>{' '}
          to see what was read
          {last.sender ? (
            <>
              , and check <GuideLink guide={last.sender} />
            </>
          ) : (
            ''
          )}
          .
        </p>
      ) : (
        <p>Make a real purchase or sign-up with your tool (a test from the inspector shows only in previews).</p>
      )}
    </Step>
  );
}

function ImpressionStep({ list }: { list: OnboardingChecklist }) {
  const { impression } = list;
  return (
    <Step title="First popup shown" done={impression.done}>
      {impression.milestone ? (
        <p>
          First shown on {utcDate(impression.milestone.at)}, by{' '}
          {notificationLink(list, impression.milestone.notificationId)}.
        </p>
      ) : (
        <p>Open a page with the embed code once a conversion is in: a popup counts when a visitor sees it.</p>
      )}
    </Step>
  );
}

interface CardProps {
  site: Site;
  onSiteChange(site: Site): void;
  /** A step ticked: what the rest of the page shows (last delivery, counts) has changed too. */
  onProgress(): void;
}

export function OnboardingChecklistCard({ site, onSiteChange, onProgress }: CardProps) {
  const checklist = useResource<OnboardingChecklist>(`/api/sites/${site.id}/onboarding`);
  const list = checklist.data;
  const steps = list
    ? [
        list.snippet.done,
        list.webhook.done || !list.webhook.applies,
        list.conversion.done || !list.conversion.applies,
        list.impression.done,
      ]
    : [];
  const doneCount = steps.filter(Boolean).length;
  const complete = list !== undefined && doneCount === steps.length;

  // Ticks itself: asks again every few seconds while something is left and the page is visible.
  useEffect(() => {
    if (complete) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') checklist.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [complete, checklist.reload]);
  const shownCount = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!list) return;
    if (shownCount.current !== undefined && shownCount.current !== doneCount) onProgress();
    shownCount.current = doneCount;
  }, [list, doneCount, onProgress]);
  // Allowing an origin changes what the snippet step says at once.
  const origins = site.allowedOrigins.join(' ');
  const shownFor = useRef(origins);
  useEffect(() => {
    if (shownFor.current === origins) return;
    shownFor.current = origins;
    checklist.reload();
  }, [origins, checklist.reload]);

  if (!list) return null;
  return (
    <section class="card checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Getting started</h2>
      <p class="muted">
        {complete
          ? 'All done: popups are showing on your site.'
          : `${doneCount} of ${steps.length} done. This list ticks itself as things happen.`}
      </p>
      <ol class="steps">
        <SnippetStep list={list} site={site} onSiteChange={onSiteChange} />
        <WebhookStep list={list} />
        <ConversionStep list={list} />
        <ImpressionStep list={list} />
      </ol>
    </section>
  );
}
