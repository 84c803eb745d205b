/**
 * Sandboxed preload: exposes exactly the HostApi (one ipcRenderer.invoke per method) and nothing else.
 * Bundled to one CJS file that requires only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_GLOBAL, HOST_METHODS, hostChannel } from '../../shared/contract/host-api.js';

contextBridge.exposeInMainWorld(
  HOST_GLOBAL,
  Object.fromEntries(HOST_METHODS.map((m) => [m, (...args: unknown[]) => ipcRenderer.invoke(hostChannel(m), ...args)])),
);
