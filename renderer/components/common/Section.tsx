// A titled section of a panel, card or screen: the <section> named by its <h3> heading for assistive
// technology (aria-labelledby), with an optional one-line introduction under the title.
import type { ReactNode } from 'react';

export function Section({
  id,
  title,
  className,
  intro,
  testId,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  title: ReactNode;
  className: string;
  intro?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <section className={className} aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="section-title">
        {title}
      </h3>
      {intro ? <p className="small muted">{intro}</p> : null}
      {children}
    </section>
  );
}
