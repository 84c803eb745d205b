import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HengjianError } from '../../shared/contract/errors.js';
import { ViewErrorBoundary } from './ViewErrorBoundary.js';

describe('ViewErrorBoundary', () => {
  it('turns a view that throws into a Chinese message with 重试, and lets the next view render', () => {
    const props = { view: 'ranking', children: createElement('p', null, '视图内容') };
    // The error a view threw becomes the message shown (a HengjianError's Chinese message as it is).
    expect(ViewErrorBoundary.getDerivedStateFromError(new HengjianError('engine.out-of-memory', '数据库引擎内存不足'))).toEqual({ error: '数据库引擎内存不足' });
    const boundary = new ViewErrorBoundary(props);
    expect(renderToStaticMarkup(createElement(() => boundary.render()))).toBe('<p>视图内容</p>');
    boundary.state = { error: '无法读取 level', view: 'ranking' };
    const shown = renderToStaticMarkup(createElement(() => boundary.render()));
    expect(shown).toContain('此视图出错，未能显示');
    expect(shown).toContain('无法读取 level');
    expect(shown).toContain('工作区的数据和自动保存没有受影响');
    expect(shown).toContain('重试');
    expect(shown).not.toContain('视图内容');
    // Another view clears the error; the same view keeps it.
    expect(ViewErrorBoundary.getDerivedStateFromProps({ ...props, view: 'trends' }, boundary.state)).toEqual({ error: null, view: 'trends' });
    expect(ViewErrorBoundary.getDerivedStateFromProps(props, boundary.state)).toBeNull();
  });
});
