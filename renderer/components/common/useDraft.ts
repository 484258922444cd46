// An edit field's draft of a saved value: the user types into the draft, and when the saved value
// changes underneath (another claim, a sync, a save) the draft starts again from it. The reset happens
// during render, as React recommends for state derived from a prop, not in an effect that would paint the
// stale draft first and render twice.
import { useState } from 'react';

/** [draft, setDraft], reset to `saved` whenever `saved` (or `key`, e.g. the claim shown) changes. */
export function useDraft<T>(saved: T, key?: unknown): [T, (next: T) => void] {
  const [draft, setDraft] = useState(saved);
  const [basis, setBasis] = useState<{ saved: T; key: unknown }>({ saved, key });
  if (!Object.is(basis.saved, saved) || !Object.is(basis.key, key)) {
    setBasis({ saved, key });
    setDraft(saved);
  }
  return [draft, setDraft];
}
