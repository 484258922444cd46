// The explicit choice a decision that approves (an approval, or a dispute overturned) needs while another
// claim on the same customer workload is approved (one partner of record): supersede it, or do not
// approve. The rule is shared/domain's.
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../shared/contracts';
import { approvalChoiceProblem, holdsRecord } from '../../../shared/domain';
import { usePoeDateText } from './PoeDateLabel';

/** Whether the approval cannot be confirmed with this choice (shared/domain's approvalChoiceProblem). */
export const supersedeBlocked = (claim: Claim, supersedes: readonly string[]): boolean => approvalChoiceProblem(claim.competing, supersedes) !== null;

/** decision: which decision approves the claim, for its wording (the rule is the same). */
export function SupersedeChoice({
  claim,
  decision,
  supersedes,
  onChange,
}: {
  claim: Claim;
  decision: 'approve' | 'overturn';
  supersedes: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation('cpor');
  const poeText = usePoeDateText();
  const holders = claim.competing.filter(holdsRecord);
  if (holders.length === 0) return null;
  const ids = holders.map((c) => c.id);
  const chosen = ids.every((id) => supersedes.includes(id));
  const text =
    decision === 'approve'
      ? ({ explain: 'supersede.explain', choose: 'supersede.choose', required: 'supersede.required' } as const)
      : ({ explain: 'supersede.explainOverturn', choose: 'supersede.chooseOverturn', required: 'supersede.requiredOverturn' } as const);
  return (
    <fieldset className="supersede-choice" data-testid="supersede-choice">
      <legend className="strong">{t('supersede.title')}</legend>
      <p className="small">{t(text.explain)}</p>
      <ul className="small">
        {holders.map((c) => (
          <li key={c.id}>{t('supersede.claim', { id: c.id, partner: c.partner.name, when: poeText(c) })}</li>
        ))}
      </ul>
      <label className="check">
        <input type="checkbox" checked={chosen} onChange={(e) => onChange(e.target.checked ? ids : [])} />
        {t(text.choose, { ids: ids.join(', ') })}
      </label>
      {!chosen ? <p className="form-error small">{t(text.required)}</p> : null}
    </fieldset>
  );
}
