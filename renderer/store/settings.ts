// Settings slice: the reviewer's profile settings (language, time zone, shortcuts, batch size, service
// URL), read and written through settings.get/set. Applies the language to i18n when it changes.
import type { Settings } from '../../shared/contracts';
import { setLanguage } from '../i18n';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export interface SettingsSlice {
  value: Settings | null;
  saving: boolean;
  error: string | null;
  load(): Promise<void>;
  update(change: Partial<Settings>): Promise<boolean>;
}

export function createSettingsSlice({ patch, get }: SliceContext): SettingsSlice {
  return {
    value: null,
    saving: false,
    error: null,

    async load() {
      try {
        const value = await invoke('settings.get', {});
        patch('settings', { value, error: null });
        await setLanguage(value.language);
      } catch (error) {
        patch('settings', { error: describeError(error) });
      }
    },

    async update(change) {
      patch('settings', { saving: true, error: null });
      try {
        const value = await invoke('settings.set', change);
        patch('settings', { value, saving: false });
        if (change.language) await setLanguage(value.language);
        return true;
      } catch (error) {
        patch('settings', { saving: false, error: describeError(error) });
        get().ui.notify('error', describeError(error));
        return false;
      }
    },
  };
}
