// The open claim's allowed reviewer actions (shared/domain's checkAction), recomputed when the claim,
// the reviewer, the lease or the minute changes.
import { useMemo } from 'react';
import { reviewerCalendar } from '../../review/calendar';
import { leaseHeld, permissionsFor, type Permissions } from '../../review/permissions';
import { useStore } from '../../store';
import { useNow } from '../common/useNow';

export function usePermissions(): Permissions {
  const claim = useStore((s) => s.claim.view?.claim ?? null);
  const role = useStore((s) => s.session.user?.role ?? null);
  const leased = useStore((s) => leaseHeld(s.claim.view, s.session.user?.id ?? null));
  const settings = useStore((s) => s.settings.value);
  const calendar = useStore((s) => s.session.calendar);
  const now = useNow();
  return useMemo(() => permissionsFor(claim, role, now, reviewerCalendar(settings, calendar), leased), [claim, role, now, settings, calendar, leased]);
}
