// The scale at which a page (or image) of a given size is drawn in a box, for each zoom mode.
import type { ZoomMode } from '../store/viewer';

export const PAGE_MARGIN = 24;

export function fitScale(page: { width: number; height: number }, box: { width: number; height: number }, zoom: ZoomMode, custom: number): number {
  if (zoom === 'custom' || box.width <= 0 || page.width <= 0) return custom;
  const byWidth = (box.width - PAGE_MARGIN * 2) / page.width;
  if (zoom === 'fit-width') return Math.max(0.1, byWidth);
  const byHeight = (box.height - PAGE_MARGIN * 2) / page.height;
  return Math.max(0.1, Math.min(byWidth, byHeight));
}
