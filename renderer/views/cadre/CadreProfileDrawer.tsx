import { Drawer } from 'antd';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';

/** 干部档案: the profile of the cadre picked anywhere (store.profileCadre), in a drawer (to be built). */
export function CadreProfileDrawer() {
  const t = useT();
  const cadre = useAppStore((s) => s.profileCadre);
  const openProfile = useAppStore((s) => s.openProfile);
  return (
    <Drawer open={cadre !== null} onClose={() => openProfile(null)} title={t('cadre.profile')} size="large" data-testid="cadre-profile">
      {cadre}
    </Drawer>
  );
}
