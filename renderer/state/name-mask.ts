import { useCallback } from 'react';
import { maskField, maskProfile } from '../../shared/format/mask.js';
import { useAppStore } from './store.js';
import { audit } from './audit.js';

/** Whether names of people are masked now, and the function that shows a name accordingly. */
export interface NameMask {
  readonly on: boolean;
  readonly show: (name: string) => string;
}

/** The name-masking flag of the store, for views that show people's names (一把手 in trends, warnings). */
export function useNameMask(): NameMask {
  const on = useAppStore((s) => s.maskNames);
  const show = useCallback((name: string) => maskField(maskProfile({ projection: on }), 'name', name), [on]);
  return { on, show };
}

/** Showing names unmasked is recorded in the workspace's audit log. */
export function recordUnmask(where: string): void {
  void audit.record('unmask', `人员姓名（${where}）`, '显示完整姓名');
}

/** Mask or unmask names: an explicit user action; unmasking is recorded (recordUnmask). */
export function setNameMask(on: boolean, where: string): void {
  if (!on) recordUnmask(where);
  useAppStore.setState({ maskNames: on });
}
