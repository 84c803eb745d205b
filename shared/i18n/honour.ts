/** Strings of the 红黄榜 (red/yellow lists) view. */
export const honourZh = {
  'honour.title': '红黄榜',
} as const;

export const honourEn: Record<keyof typeof honourZh, string> = {
  'honour.title': 'Red/yellow lists',
};
