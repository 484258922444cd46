// The reviewer's settings (language, time zone, shortcuts, batch size, service URL) kept in the profile:
// defaults, merge of a partial change, validation with the shared schema. A service URL given at
// start-up (--service) is pinned: it wins over the stored one.
import { Settings } from '../../shared/contracts';
import type { Store } from './store/queries';

const KEY = 'settings';

export function defaultSettings(): Settings {
  return { language: 'en', timeZone: null, shortcuts: {}, batchSize: 25, serviceUrl: null };
}

export function readSettings(store: Store, pinnedServiceUrl: string | null): Settings {
  const stored = store.getValue<Partial<Settings>>(KEY) ?? {};
  const merged = Settings.safeParse({ ...defaultSettings(), ...stored });
  const settings = merged.success ? merged.data : defaultSettings();
  return pinnedServiceUrl ? { ...settings, serviceUrl: pinnedServiceUrl } : settings;
}

export function writeSettings(store: Store, change: Partial<Settings>, pinnedServiceUrl: string | null): Settings {
  const stored = store.getValue<Partial<Settings>>(KEY) ?? {};
  const next = Settings.parse({ ...defaultSettings(), ...stored, ...change });
  store.setValue(KEY, next);
  return readSettings(store, pinnedServiceUrl);
}
