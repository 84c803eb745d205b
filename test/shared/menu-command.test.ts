import { describe, expect, it } from 'vitest';
import { isMenuCommand } from '../../shared/contract/menu-command.js';

describe('isMenuCommand (what the preload forwards from the menu channel)', () => {
  it('accepts the known commands only', () => {
    expect(['open-files', 'save', 'offline-check'].every(isMenuCommand)).toBe(true);
    for (const x of ['offline_check', 'OFFLINE-CHECK', '', 'eval', null, undefined, 1, { command: 'save' }, ['save']]) expect(isMenuCommand(x), String(x)).toBe(false);
  });
});
