import { useMemo } from 'react';
import type { HostApi } from '../../shared/contract/host-api.js';
import { readWeightSchemes, withActiveScheme, withSchemeVersion, withoutScheme, type SchemeVersion, type WeightSchemes } from '../../shared/workspace/weight-schemes.js';
import { useAppStore } from './store.js';
import { workspaceChanged } from './workspace.js';
import { audit } from './audit.js';

/** The weighting schemes saved in the workspace. */
export function useWeightSchemes(): WeightSchemes {
  const doc = useAppStore((s) => s.workspace?.documents.weights);
  return useMemo(() => readWeightSchemes(doc), [doc]);
}

const doc = () => useAppStore.getState().workspace?.documents.weights;

/** Save weights as a new version of scheme `name` (its previous version goes to the history) and make it active. */
export function saveScheme(host: HostApi, name: string, version: SchemeVersion): void {
  workspaceChanged(host, { weights: withSchemeVersion(doc(), name, version) });
  const saved = readWeightSchemes(useAppStore.getState().workspace?.documents.weights).schemes.find((s) => s.name === name);
  void audit.record('weights.save', `权重方案「${name}」`, `成功：第 ${(saved?.history.length ?? 0) + 1} 版，已启用`);
}

export function deleteScheme(host: HostApi, name: string): void {
  workspaceChanged(host, { weights: withoutScheme(doc(), name) });
  void audit.record('weights.save', `权重方案「${name}」`, '已删除');
}

export function activateScheme(host: HostApi, name: string | null): void {
  workspaceChanged(host, { weights: withActiveScheme(doc(), name) });
  void audit.record('weights.save', name === null ? '权重方案' : `权重方案「${name}」`, name === null ? '改用默认权重' : '已启用');
}
