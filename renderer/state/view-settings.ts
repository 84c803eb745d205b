import { useMemo } from 'react';
import { readViewSettings, withNationalValue, withSourceNote, withWatermarkTemplate, type ViewSettings } from '../../shared/workspace/view-settings.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import { useAppStore } from './store.js';
import { workspaceChanged } from './workspace.js';

/** The analyses' settings saved in the workspace (national values, the source note). */
export function useViewSettings(): ViewSettings {
  const doc = useAppStore((s) => s.workspace?.documents.views);
  return useMemo(() => readViewSettings(doc), [doc]);
}

/** Save a national value of an indicator in a period into the workspace (null clears it). */
export function setNationalValue(host: HostApi, indicator: string, period: string, value: number | null): void {
  const doc = useAppStore.getState().workspace?.documents.views;
  workspaceChanged(host, { views: withNationalValue(doc, indicator, period, value) });
}

/** Save the source note (审图号) drawn on exported charts. */
export function setSourceNote(host: HostApi, note: string): void {
  const doc = useAppStore.getState().workspace?.documents.views;
  workspaceChanged(host, { views: withSourceNote(doc, note) });
}

/** Save the watermark template printed on exports and projection ('' restores the default). */
export function setWatermarkTemplate(host: HostApi, template: string): void {
  const doc = useAppStore.getState().workspace?.documents.views;
  workspaceChanged(host, { views: withWatermarkTemplate(doc, template.trim()) });
}
