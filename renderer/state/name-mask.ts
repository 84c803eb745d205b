import { useCallback } from 'react';
import { maskName } from '../../shared/format/mask.js';
import { useAppStore } from './store.js';

/** Whether names of people are masked now, and the function that shows a name accordingly. */
export interface NameMask {
  readonly on: boolean;
  readonly show: (name: string) => string;
}

/** The name-masking flag of the store, for views that show people's names (一把手 in trends, warnings). */
export function useNameMask(): NameMask {
  const on = useAppStore((s) => s.maskNames);
  const show = useCallback((name: string) => (on ? maskName(name) : name), [on]);
  return { on, show };
}

/**
 * Where showing names unmasked will be logged: the audit log does not exist yet.
 * TODO(audit log, issue 15): append { action: 'unmask-names', where, at } to the workspace's audit log.
 */
export function recordUnmask(where: string): void {
  void where;
}

/** Mask or unmask names: an explicit user action; unmasking is recorded (recordUnmask). */
export function setNameMask(on: boolean, where: string): void {
  if (!on) recordUnmask(where);
  useAppStore.setState({ maskNames: on });
}
