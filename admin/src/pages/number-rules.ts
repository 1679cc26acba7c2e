// The display rules edited as numbers, each in the unit people think in, and the kinds it matters for.
const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

export type NumberRule =
  | 'firstDelayMs'
  | 'displayMs'
  | 'gapMs'
  | 'maxPerPage'
  | 'maxPerSession'
  | 'historyLimit'
  | 'historyMaxAgeMs'
  | 'minimumCount'
  | 'counterWindowMs'
  | 'minDisplayMs'
  | 'maxLivePerMinute'
  | 'muteHoursOnClose';

/** Rules edited as numbers, in the unit people think in; `kinds` says where a rule matters. */
export const NUMBER_RULES: Array<{ key: NumberRule; label: string; unit: number; unitLabel: string; kinds: string[] }> =
  [
    {
      key: 'firstDelayMs',
      label: 'First popup after',
      unit: SECOND,
      unitLabel: 'seconds',
      kinds: ['stream', 'conversion', 'visitors'],
    },
    {
      key: 'displayMs',
      label: 'Each popup stays',
      unit: SECOND,
      unitLabel: 'seconds',
      kinds: ['stream', 'conversion', 'visitors'],
    },
    {
      key: 'gapMs',
      label: 'Pause between popups',
      unit: SECOND,
      unitLabel: 'seconds',
      kinds: ['stream', 'conversion', 'visitors'],
    },
    {
      key: 'maxPerPage',
      label: 'At most per page view',
      unit: 1,
      unitLabel: 'popups',
      kinds: ['stream', 'conversion', 'visitors'],
    },
    {
      key: 'maxPerSession',
      label: 'At most per visit',
      unit: 1,
      unitLabel: 'popups',
      kinds: ['stream', 'conversion', 'visitors'],
    },
    {
      key: 'historyLimit',
      label: 'Recent conversions a page gets',
      unit: 1,
      unitLabel: 'conversions',
      kinds: ['stream'],
    },
    { key: 'historyMaxAgeMs', label: 'Oldest conversion shown', unit: DAY, unitLabel: 'days', kinds: ['stream'] },
    { key: 'minimumCount', label: 'Hide below', unit: 1, unitLabel: 'people', kinds: ['conversion', 'visitors'] },
    { key: 'counterWindowMs', label: 'Count over the last', unit: HOUR, unitLabel: 'hours', kinds: ['conversion'] },
    {
      key: 'minDisplayMs',
      label: 'A live popup replaces a recent one after',
      unit: SECOND,
      unitLabel: 'seconds',
      kinds: ['stream'],
    },
    {
      key: 'maxLivePerMinute',
      label: 'At most live popups per minute',
      unit: 1,
      unitLabel: 'popups',
      kinds: ['stream'],
    },
    {
      // Stored in hours already: the unit is 1.
      key: 'muteHoursOnClose',
      label: 'Mute after a visitor closes a popup',
      unit: 1,
      // 0: closing a popup closes only that popup.
      unitLabel: 'hours, 0: off',
      kinds: ['stream', 'conversion', 'visitors'],
    },
  ];
