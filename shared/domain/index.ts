// The CPOR domain, written once: codes, history, lifecycle, deadlines, derived states, transitions.
export * from './codes';
export * from './business-days';
export * from './history';
export * from './lifecycle';
export * from './deadlines';
export * from './derived';
export * from './transitions';
export * from './mutation-events';
export * from './checklist';
export * from './audit';
export * from './timers';
export * from './edits';
export * from './disputes';
export * from './sla';
export * from './partner-of-record';
export * from './visibility';
