// A key combo drawn as key caps ("Ctrl" "Z"); hidden from screen readers, which get aria-keyshortcuts.
import { keyCaps } from '../../shortcuts/keymap';

export function Kbd({ combo, visible = true }: { combo: string | undefined; visible?: boolean }) {
  if (!combo || !visible) return null;
  return (
    <span className="kbd-group" aria-hidden="true">
      {keyCaps(combo).map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}
