// The kinds of entries in the changes feed (history kinds plus lease events), from the shared contract.
import type { CHANGE_KINDS } from '../../shared/contracts/service-api';

export type ChangeKind = (typeof CHANGE_KINDS)[number];
