// The PoE assist's rules, written once: text folding, dates and the 12-month cut-off, customer identity,
// product aliases, engagement, the acknowledgement, and the analysis that turns page text into suggestions.
export * from './text';
export * from './dates';
export * from './identity';
export * from './products';
export * from './engagement';
export * from './layout';
export * from './acknowledgement';
export * from './analyse';
export * from './shingles';
export * from './agreement';
