import { stopProjection, useProjection } from '../../state/projection.js';
import { ProjectionDeck } from './ProjectionDeck.js';
import { useSavedViewSlides } from './saved-view-slides.js';
import type { ProjectionSlide } from './types.js';

/** Projection mode, when on: the slides of its source in the full-screen deck. */
export function ProjectionLayer() {
  const source = useProjection((s) => s.source);
  if (!source) return null;
  return source.kind === 'saved' ? <SavedViewsDeck /> : <ProjectionDeck slides={source.slides} onExit={stopProjection} />;
}

function SavedViewsDeck() {
  const slides: ProjectionSlide[] = useSavedViewSlides();
  return <ProjectionDeck slides={slides} onExit={stopProjection} />;
}
