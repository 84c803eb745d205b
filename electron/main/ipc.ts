/** Registers one `ipcMain.handle` per HostApi method; every call goes through `dispatchHostCall`. */
import { ipcMain } from 'electron';
import { HOST_METHODS, hostChannel, type HostApi } from '../../shared/contract/host-api.js';
import { dispatchHostCall } from './ipc-core.js';

/** Expose `host` to our renderer over IPC: sender checked, arguments validated (see ipc-core.ts). */
export function registerHostIpc(host: HostApi): void {
  for (const method of HOST_METHODS) {
    ipcMain.handle(hostChannel(method), (event, ...raw: unknown[]) =>
      dispatchHostCall(host, method, event.senderFrame?.url, raw),
    );
  }
}
