/**
 * The native Chinese application menu as data. Pure (type-only `electron` import), so labels and accelerators
 * are unit-tested per platform; `menu.ts` turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu needs from the app: platform, dev mode, and the actions behind its custom items. */
export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly isDev: boolean;
  readonly appName: string;
  /** 打开文件…: the renderer owns importing; main forwards the command. */
  readonly openFiles: () => void;
  /** 保存: forwarded to the renderer like openFiles. */
  readonly save: () => void;
  /** 关于衡鉴: a dialog with the version. */
  readonly about: () => void;
  /** 帮助 → 离线自检: the page runs the offline self-test (forwarded like openFiles). */
  readonly offlineCheck: () => void;
}

const sep: MenuItemConstructorOptions = { type: 'separator' };

/** The application menu template for one platform (macOS gets the app menu first, others 文件 → 退出). */
export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `关于${ctx.appName}`, click: () => ctx.about() };
  const offlineCheck: MenuItemConstructorOptions = { label: '离线自检', click: () => ctx.offlineCheck() };
  // registerAccelerator: false (Windows/Linux) lets Ctrl+O / Ctrl+S reach the page's own key handlers too.
  const file: MenuItemConstructorOptions[] = [
    { label: '打开文件…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false, click: () => ctx.openFiles() },
    { label: '保存', accelerator: 'CmdOrCtrl+S', registerAccelerator: false, click: () => ctx.save() },
  ];
  if (!mac) file.push(sep, { label: '退出', role: 'quit', accelerator: 'Ctrl+Q' });

  const view: MenuItemConstructorOptions[] = [];
  if (ctx.isDev) {
    view.push(
      { label: '重新加载', role: 'reload', accelerator: 'CmdOrCtrl+R' },
      { label: '开发者工具', role: 'toggleDevTools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' },
      sep,
    );
  }
  view.push(
    { label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
    { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' },
    { label: '缩小', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
    sep,
    { label: '全屏', role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
  );

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: ctx.appName,
      submenu: [
        about,
        sep,
        { label: `隐藏${ctx.appName}`, role: 'hide', accelerator: 'Cmd+H' },
        { label: '隐藏其他', role: 'hideOthers', accelerator: 'Alt+Cmd+H' },
        { label: '全部显示', role: 'unhide' },
        sep,
        { label: `退出${ctx.appName}`, role: 'quit', accelerator: 'Cmd+Q' },
      ],
    });
  }
  template.push(
    { label: '文件', submenu: file },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        { label: '重做', role: 'redo', accelerator: ctx.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z' },
        sep,
        { label: '剪切', role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { label: '复制', role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { label: '粘贴', role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { label: '全选', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      role: 'windowMenu',
      submenu: [
        { label: '最小化', role: 'minimize', accelerator: 'CmdOrCtrl+M' },
        { label: '关闭窗口', role: 'close', accelerator: 'CmdOrCtrl+W' },
      ],
    },
    { label: '帮助', role: 'help', submenu: [offlineCheck, ...(mac ? [sep, { label: `${ctx.appName}帮助`, enabled: false }] : [sep, about])] },
  );
  return template;
}

/** The detail text of the 关于 dialog. */
export function aboutDetail(appVersion: string, versions: Partial<Record<'electron' | 'chrome' | 'node', string>>): string {
  const runtime = [
    versions.electron && `Electron ${versions.electron}`,
    versions.chrome && `Chromium ${versions.chrome}`,
    versions.node && `Node ${versions.node}`,
  ].filter(Boolean);
  return [`版本 ${appVersion}`, runtime.join(' · '), '离线运行：本软件不连接任何网络。'].filter((s) => s !== '').join('\n');
}
