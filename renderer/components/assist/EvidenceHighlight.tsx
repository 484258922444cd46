// The rectangle of the evidence the reviewer opened, drawn over the page it is on. Rectangles come in
// PDF page space (points, origin bottom-left); `toCss` maps one to [left, top, right, bottom] pixels.
import { useStore } from '../../store';
import '../../styles/assist.css';

export function EvidenceHighlight({ page, toCss }: { page: number; toCss: (rect: [number, number, number, number]) => number[] }) {
  const sha = useStore((s) => s.viewer.documents[s.viewer.index]?.sha256);
  const ev = useStore((s) => s.viewer.evidence);
  if (!ev || !ev.rect || ev.sha256 !== sha || ev.page !== page) return null;
  const [a, b, c, d] = toCss(ev.rect) as [number, number, number, number];
  const pad = 3;
  return (
    <div
      className="evidence-highlight"
      data-testid="evidence-highlight"
      style={{ left: Math.min(a, c) - pad, top: Math.min(b, d) - pad, width: Math.abs(c - a) + 2 * pad, height: Math.abs(d - b) + 2 * pad }}
    />
  );
}
