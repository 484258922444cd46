// The window's size and position, remembered between runs in a small JSON file, and put back only where
// a display still shows it (a laptop undocked from its second screen opens on the screen it has).
import { readFileSync, writeFileSync } from 'node:fs';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindow {
  bounds: Bounds;
  maximized: boolean;
}

const visibleOn = (b: Bounds, area: Bounds): boolean =>
  b.x < area.x + area.width - 50 && b.x + b.width > area.x + 50 && b.y >= area.y - 10 && b.y < area.y + area.height - 50;

/** The saved window, if it is sane and still on a display's work area; else null (use the defaults). */
export function restoreWindow(file: string, workAreas: readonly Bounds[], min: { width: number; height: number }): SavedWindow | null {
  let saved: SavedWindow;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as SavedWindow;
  } catch {
    return null;
  }
  const b = saved?.bounds;
  if (!b || ![b.x, b.y, b.width, b.height].every(Number.isFinite) || b.width < min.width || b.height < min.height) return null;
  if (!workAreas.some((a) => visibleOn(b, a))) return null;
  return { bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }, maximized: saved.maximized === true };
}

export function saveWindow(file: string, state: SavedWindow): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // not worth failing a quit for
  }
}
