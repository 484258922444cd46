// Which date a claim's PoE counts by, in words: "acknowledged 2026-03-04" once the PoE assist read the
// customer acknowledgement's date, "uploaded …" until then (shared/domain's poeDate decides).
import { useTranslation } from 'react-i18next';
import { poeDate, type RivalRef } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';

export function usePoeDateText(): (c: Pick<RivalRef, 'latestPoeAt' | 'acknowledgedOn'>) => string {
  const { t } = useTranslation();
  const f = useFormat();
  return (c) => {
    const d = poeDate(c);
    if (!d) return t('common.none');
    // An acknowledgement date is a calendar date as written on the PoE: shown as is, never shifted by a zone.
    return d.source === 'acknowledged' ? t('competing.acknowledged', { when: d.at }) : t('competing.uploaded', { when: f.date(d.at) });
  };
}

export function PoeDateLabel({ claim }: { claim: Pick<RivalRef, 'latestPoeAt' | 'acknowledgedOn'> }) {
  const text = usePoeDateText();
  const source = poeDate(claim)?.source ?? 'none';
  return (
    <span className="poe-date" data-testid="poe-date" data-source={source}>
      {text(claim)}
    </span>
  );
}
