import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cancelledError } from '../../shared/db/query-gate.js';
import { useAppStore } from '../state/store.js';
import { QueryError } from './QueryError.js';

describe('QueryError', () => {
  it('says a cancelled computation was cancelled (a warning, not 出错了) and offers 重新计算; other errors keep 出错了', () => {
    const cancelled = renderToStaticMarkup(createElement(QueryError, { result: { status: 'error', error: cancelledError().message, code: 'engine.cancelled' } }));
    expect(cancelled).toContain('计算已取消');
    expect(cancelled).toContain('ant-alert-warning');
    expect(cancelled).not.toContain('出错了');
    expect(cancelled).toContain('重新计算');
    const failed = renderToStaticMarkup(createElement(QueryError, { result: { status: 'error', error: 'Binder Error: x' } }));
    expect(failed).toContain('出错了');
    expect(failed).toContain('Binder Error: x');
    expect(failed).toContain('ant-alert-error');
    expect(renderToStaticMarkup(createElement(QueryError, { result: { status: 'loading' } }))).toBe('');
  });

  it('重新计算 bumps the counter every view query depends on', () => {
    const before = useAppStore.getState().queryRetry;
    useAppStore.getState().retryQueries();
    expect(useAppStore.getState().queryRetry).toBe(before + 1);
  });
});
