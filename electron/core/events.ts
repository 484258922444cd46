// The workstation's event stream: listeners subscribe, the core emits WorkstationEvents. Transports
// forward them (IPC send, server-sent events); a failing listener never stops the others.
import type { WorkstationEvent } from '../../shared/contracts';

export type Listener = (event: WorkstationEvent) => void;

export class EventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WorkstationEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // one broken subscriber (a closed stream) must not block the others
      }
    }
  }
}
