// Type-ahead after a shortcut that opens a text field (`c` → the comment box): characters typed before
// the field has focus are kept and added to its draft instead of being lost or read as shortcuts.
import { useStore } from '../store';

const WINDOW_MS = 1_500;
let until = 0;

/** Starts catching typed characters for the comment draft (called when `c` opens the comment box). */
export function expectCommentTyping(): void {
  until = Date.now() + WINDOW_MS;
}

/** Takes a keydown meant for the comment box that came before it had focus; true when it was taken. */
export function takeTypeAhead(e: KeyboardEvent): boolean {
  if (Date.now() > until) return false;
  if (document.activeElement?.id === 'comment-box') {
    until = 0;
    return false;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return false;
  const s = useStore.getState();
  s.review.setCommentDraft(`${s.review.commentDraft}${e.key}`);
  return true;
}
