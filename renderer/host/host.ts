import { createContext, useContext } from 'react';
import { HOST_GLOBAL, HOST_METHODS, type HostApi } from '../../shared/contract/host-api.js';
import { createBrowserHost } from './browser-host.js';

/** The Electron preload exposes exactly the HostApi on window; in a browser we build our own. */
export function detectHost(): HostApi {
  const exposed = (window as unknown as Record<string, unknown>)[HOST_GLOBAL] as Partial<HostApi> | undefined;
  if (exposed && HOST_METHODS.every((m) => typeof exposed[m] === 'function')) return exposed as HostApi;
  return createBrowserHost();
}

export const HostContext = createContext<HostApi | null>(null);

/** The host of this window (Electron or browser); the UI never knows which. */
export function useHost(): HostApi {
  const host = useContext(HostContext);
  if (!host) throw new Error('HostContext missing');
  return host;
}
