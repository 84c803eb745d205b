import type { FileFilter } from '../../shared/contract/host-api.js';

/** The dialogs the host needs; each resolves to the chosen path(s), or [] / null when cancelled. */
export interface HostDialogs {
  showOpenDialog(options: { filters: readonly FileFilter[]; multiple: boolean; title?: string }): Promise<string[]>;
  showSaveDialog(options: { suggestedName: string; filters: readonly FileFilter[]; title?: string }): Promise<string | null>;
}
