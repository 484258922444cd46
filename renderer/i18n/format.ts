// Dates, times and counts in the reviewer's language and time zone, with Intl. Components use
// useFormat(); nothing else formats a date for display.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewerTimeZone } from '../review/calendar';
import { useStore } from '../store';

export interface Formatters {
  locale: string;
  timeZone: string;
  dateTime(iso: string): string;
  date(iso: string): string;
  time(iso: string): string;
  /** Short weekday and time, e.g. "Tue 18:00" (a checkout's end). */
  weekdayTime(iso: string): string;
  relative(iso: string, now?: number): string;
}

export function makeFormatters(locale: string, timeZone: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' });
  const weekdayTime = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    timeZone,
    dateTime: (iso) => dateTime.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    time: (iso) => time.format(new Date(iso)),
    weekdayTime: (iso) => weekdayTime.format(new Date(iso)),
    relative: (iso, now = Date.now()) => {
      const seconds = (new Date(iso).getTime() - now) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return rel.format(Math.round(seconds), 'second');
      if (abs < 3600) return rel.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return rel.format(Math.round(seconds / 3600), 'hour');
      return rel.format(Math.round(seconds / 86_400), 'day');
    },
  };
}

/** One set of formatters per language and zone for the whole page: building Intl formatters per queue row's badge cost most of a row's first render. */
const shared = new Map<string, Formatters>();
function formattersFor(locale: string, timeZone: string): Formatters {
  const key = `${locale}|${timeZone}`;
  let f = shared.get(key);
  if (!f) shared.set(key, (f = makeFormatters(locale, timeZone)));
  return f;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const timeZone = useStore((s) => reviewerTimeZone(s.settings.value));
  return useMemo(() => formattersFor(i18n.language, timeZone), [i18n.language, timeZone]);
}
