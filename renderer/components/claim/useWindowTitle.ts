// The window title names the open claim ("CLM-1042 · PoE Reviewer"), as desktop users expect in the
// taskbar and window switcher; Electron's window follows the page title. Back to the plain title on close.
import { useEffect } from 'react';

export const APP_TITLE = 'PoE Reviewer';

export function useWindowTitle(claimId: string | null): void {
  useEffect(() => {
    document.title = claimId ? `${claimId} · ${APP_TITLE}` : APP_TITLE;
    return () => {
      document.title = APP_TITLE;
    };
  }, [claimId]);
}
