// The preload: exposes window.workstation (the typed workstation API and its events) through
// contextBridge, and nothing else. Runs sandboxed; bundled to CommonJS by electron/build.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, type IpcRendererLike } from './bridge';

contextBridge.exposeInMainWorld('workstation', createBridge(ipcRenderer as unknown as IpcRendererLike));
