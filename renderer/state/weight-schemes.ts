import { useMemo } from 'react';
import type { HostApi } from '../../shared/contract/host-api.js';
import { readWeightSchemes, withActiveScheme, withSchemeVersion, withoutScheme, type SchemeVersion, type WeightSchemes } from '../../shared/workspace/weight-schemes.js';
import { useAppStore } from './store.js';
import { workspaceChanged } from './workspace.js';

/** The weighting schemes saved in the workspace. */
export function useWeightSchemes(): WeightSchemes {
  const doc = useAppStore((s) => s.workspace?.documents.weights);
  return useMemo(() => readWeightSchemes(doc), [doc]);
}

const doc = () => useAppStore.getState().workspace?.documents.weights;

/** Save weights as a new version of scheme `name` (its previous version goes to the history) and make it active. */
export function saveScheme(host: HostApi, name: string, version: SchemeVersion): void {
  workspaceChanged(host, { weights: withSchemeVersion(doc(), name, version) });
}

export function deleteScheme(host: HostApi, name: string): void {
  workspaceChanged(host, { weights: withoutScheme(doc(), name) });
}

export function activateScheme(host: HostApi, name: string | null): void {
  workspaceChanged(host, { weights: withActiveScheme(doc(), name) });
}
