// i18next set up for the renderer: English and Traditional Chinese resources, typed keys, and the one
// place the UI language changes (also the document's lang attribute). Strings live in the JSON files.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/contracts';
import assistEn from './assist.en.json';
import assistZhTW from './assist.zh-TW.json';
import auditEn from './audit.en.json';
import auditZhTW from './audit.zh-TW.json';
import cporEn from './cpor.en.json';
import cporZhTW from './cpor.zh-TW.json';
import desktopEn from './desktop.en.json';
import desktopZhTW from './desktop.zh-TW.json';
import en from './en.json';
import offlineEn from './offline.en.json';
import offlineZhTW from './offline.zh-TW.json';
import zhTW from './zh-TW.json';
import queueEn from './queue.en.json';
import queueZhTW from './queue.zh-TW.json';
import viewerEn from './viewer.en.json';
import viewerZhTW from './viewer.zh-TW.json';

/** One namespace per area: `translation` for the review screens, `audit` for QA audit mode, one more per area. */
export const resources = {
  en: { translation: en, audit: auditEn, viewer: viewerEn, desktop: desktopEn, queue: queueEn, offline: offlineEn, cpor: cporEn, assist: assistEn },
  'zh-TW': {
    translation: zhTW,
    audit: auditZhTW,
    viewer: viewerZhTW,
    desktop: desktopZhTW,
    queue: queueZhTW,
    offline: offlineZhTW,
    cpor: cporZhTW,
    assist: assistZhTW,
  },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en'];
  }
}

/** The language to show before Settings are loaded: the browser's, when it is one we have. */
export function preferredLanguage(languages: readonly string[] = navigator.languages): Language {
  for (const l of languages) {
    if (/^zh-(TW|HK|MO|Hant)/i.test(l)) return 'zh-TW';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

export const isLanguage = (l: string): l is Language => (LANGUAGES as readonly string[]).includes(l);

export const i18n = i18next.createInstance();

export async function initI18n(language: Language): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources,
    ns: Object.keys(resources.en),
    defaultNS: 'translation',
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
