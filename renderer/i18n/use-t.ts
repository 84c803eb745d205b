import { useMemo } from 'react';
import { translator, type Translate } from '../../shared/i18n/messages.js';
import { useAppStore } from '../state/store.js';

/** The translator of the current UI language. */
export function useT(): Translate {
  const locale = useAppStore((s) => s.locale);
  return useMemo(() => translator(locale), [locale]);
}
