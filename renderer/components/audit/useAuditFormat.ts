// Numbers of audit mode in the user's language: rates as percentages, Cohen's kappa with two decimals,
// "n/a" when a figure is undefined. Dates come from useFormat like everywhere else.
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface AuditNumbers {
  percent(v: number | null): string;
  kappa(v: number | null): string;
}

export function useAuditNumbers(): AuditNumbers {
  const { t, i18n } = useTranslation('audit');
  return useMemo(() => {
    const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
    const dec = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return {
      percent: (v) => (v === null ? t('stats.none') : pct.format(v)),
      kappa: (v) => (v === null ? t('stats.none') : dec.format(v)),
    };
  }, [i18n.language, t]);
}

/** A local calendar date (YYYY-MM-DD, as date inputs give it) at midnight in `timeZone`, as a UTC instant. */
export function dayStart(date: string, timeZone: string): string | undefined {
  const d = DateTime.fromISO(date, { zone: timeZone });
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && d.isValid ? (d.startOf('day').toUTC().toISO() ?? undefined) : undefined;
}
