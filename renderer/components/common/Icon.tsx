// The few line icons the UI uses, drawn inline (no icon font, no network); always decorative.
const PATHS = {
  document: 'M4 1.5h5l3 3V14a.5.5 0 0 1-.5.5h-7.5A.5.5 0 0 1 3.5 14V2a.5.5 0 0 1 .5-.5zM9 1.5V5h3',
  sync: 'M13 8a5 5 0 0 1-9 3M3 8a5 5 0 0 1 9-3M12 2v3H9M4 14v-3h3',
  warning: 'M8 1.8 15 14H1zM8 6v4M8 11.8v.4',
  check: 'M3 8.5 6.5 12 13 4.5',
  clock: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM8 4.5V8l2.5 1.5',
  search: 'M7 2a5 5 0 1 1 0 10A5 5 0 0 1 7 2zM10.7 10.7 14 14',
  rotate: 'M13.5 8A5.5 5.5 0 1 1 11 3.4M11.5 1v3h-3',
  chevronLeft: 'M10 3 5 8l5 5',
  chevronRight: 'M6 3l5 5-5 5',
  chevronUp: 'M3 10l5-5 5 5',
  chevronDown: 'M3 6l5 5 5-5',
  users: 'M5.5 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1 14c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4M11 7a2 2 0 1 0 0-4M12 10c1.7.3 3 1.6 3 4',
  cloudOff: 'M2 2l12 12M6 4.2A4 4 0 0 1 12 7h.5a2.5 2.5 0 0 1 1.3 4.6M10.5 13H4a3 3 0 0 1-.6-5.9',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 14, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg className={`icon${className ? ` ${className}` : ''}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
