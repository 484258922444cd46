// Placeholder for the demo claim generator.
import type { ClaimFacts, DocumentRef } from '../../shared/contracts';
import type { BusinessCalendar, HistoryEntry } from '../../shared/domain';
import type { ClaimIndex } from '../store/repository';
import type { Rng } from './rng';
import type { DemoWorld } from './world';

export interface DemoDocument { ref: DocumentRef; bytes: Uint8Array; truth: unknown }
export interface DemoClaim { facts: ClaimFacts; companyId: string; index: ClaimIndex; history: HistoryEntry[]; documents: DemoDocument[] }

export async function generateClaims(_rng: Rng, _world: DemoWorld, _cal: BusinessCalendar, _now: string, _count: number): Promise<DemoClaim[]> {
  return [];
}
