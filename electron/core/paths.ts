// Where the workstation keeps its data by default: per-user folders of the operating system (XDG on
// Linux, Application Support on macOS, AppData on Windows), never the repository.
import path from 'node:path';
import envPaths from 'env-paths';

export const APP_NAME = 'poe-reviewer-workstation';

const base = () => envPaths(APP_NAME, { suffix: '' }).data;

/** The browser host's default profile (Electron uses app.getPath('userData') instead). */
export const defaultProfileDir = (): string => path.join(base(), 'profile');

/** The embedded demo service's data folder for `npm start`. */
export const defaultDemoServiceDir = (): string => path.join(base(), 'demo-service');
