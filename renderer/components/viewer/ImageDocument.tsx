// A PNG or JPEG PoE, zoomed and rotated like a PDF page.
import { useEffect } from 'react';
import type { LoadedDocument } from '../../viewer/document-cache';
import { fitScale } from '../../viewer/fit';
import { useStore } from '../../store';
import { EvidenceHighlight } from '../assist/EvidenceHighlight';

type Image = Extract<LoadedDocument, { kind: 'image' }>;

export function ImageDocument({ image, box }: { image: Image; box: { width: number; height: number } }) {
  const zoom = useStore((s) => s.viewer.zoom);
  const custom = useStore((s) => s.viewer.scale);
  const rotation = useStore((s) => s.viewer.rotation);
  const reportScale = useStore((s) => s.viewer.reportScale);
  const quarter = rotation % 180 !== 0;
  const turned = { width: quarter ? image.height : image.width, height: quarter ? image.width : image.height };
  const scale = fitScale(turned, box, zoom, custom);
  useEffect(() => reportScale(scale), [scale, reportScale]);
  const w = image.width * scale;
  const h = image.height * scale;
  return (
    <div className="page-frame image-frame" style={{ width: turned.width * scale, height: turned.height * scale }}>
      <img src={image.url} alt={image.fileName} draggable={false} style={{ width: w, height: h, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }} />
      {rotation === 0 ? (
        <EvidenceHighlight page={1} toCss={(r) => [r[0] * scale, (image.height - r[3]) * scale, r[2] * scale, (image.height - r[1]) * scale]} />
      ) : null}
    </div>
  );
}
