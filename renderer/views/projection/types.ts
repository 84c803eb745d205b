import type { ReactNode } from 'react';

/**
 * One slide of projection mode, from any source: the workspace's saved views now, a pack's slides later. The shell
 * only lays slides out, counts them, and handles keys, masking, notes and the watermark.
 */
export interface ProjectionSlide {
  readonly key: string;
  readonly title: string;
  /** Presenter notes, plain text (lines separated by \n). */
  readonly notes: string;
  readonly render: () => ReactNode;
  /** Called before the slide is shown (a saved view puts its parameters into the store); optional. */
  readonly enter?: () => void;
}

/**
 * What a projection shows: the saved views of the workspace (read live), or a fixed list such as a pack's slides.
 * A pack plugs in with `startProjection({ kind: 'slides', slides })` (renderer/state/projection.ts); its slides render
 * inside ChartLookContext 'projector' and the projector Ant Design theme, so <EChart/> and Typography scale by themselves.
 */
export type SlideSource = { readonly kind: 'saved' } | { readonly kind: 'slides'; readonly slides: readonly ProjectionSlide[] };
