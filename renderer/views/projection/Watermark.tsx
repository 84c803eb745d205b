import { useEffect, useState } from 'react';
import { formatTime } from '../../../shared/format/time.js';
import { hostLabel } from '../../../shared/contract/host-api.js';
import { watermarkText } from '../../../shared/report/pack-types.js';
import { useHost } from '../../host/host.js';
import { useViewSettings } from '../../state/view-settings.js';

/** The watermark text of this session: the workspace's template with the host's user and machine and the time projection started. */
export function useWatermarkText(): string {
  const host = useHost();
  const settings = useViewSettings();
  const [started] = useState(() => formatTime(new Date().toISOString()));
  const [who, setWho] = useState<{ user: string; machine: string }>({ user: '', machine: '' });
  useEffect(() => {
    let live = true;
    host.info().then(
      (i) => live && setWho({ user: hostLabel(i.user, '本机用户'), machine: hostLabel(i.machine, '本机') }),
      () => live && setWho({ user: '本机用户', machine: '本机' }),
    );
    return () => {
      live = false;
    };
  }, [host]);
  return watermarkText({ user: who.user, time: started, machine: who.machine, text: settings.watermark });
}

/** The watermark over a slide: faint diagonal tiles across it and one legible line at the foot. Never catches the mouse. */
export function Watermark({ text }: { text: string }) {
  const tiles = Array.from({ length: 24 }, (_, i) => i);
  return (
    <div className="hj-watermark" aria-hidden="true">
      <div className="hj-watermark-tiles">
        {tiles.map((i) => (
          <span key={i}>{text}</span>
        ))}
      </div>
      <div className="hj-watermark-line" data-testid="projection-watermark">{text}</div>
    </div>
  );
}
