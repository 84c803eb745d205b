import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Space } from 'antd';
import { errorMessage } from '../../shared/contract/errors.js';
import { translator } from '../../shared/i18n/messages.js';
import { useAppStore } from '../state/store.js';

interface Props {
  /** The view shown: a change of view clears the error (the next view gets its chance). */
  readonly view: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: string | null;
  readonly view: string;
}

/**
 * A view that throws while rendering shows what went wrong and a way on, instead of unmounting the whole app into a
 * white page: the header, the navigation and the workspace stay (the data in the engine and the autosave are not
 * touched by a view's rendering), and 重试 renders the view again.
 */
export class ViewErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, view: this.props.view };

  static getDerivedStateFromError(e: unknown): Partial<State> {
    return { error: errorMessage(e) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.view !== state.view ? { error: null, view: props.view } : null;
  }

  override componentDidCatch(e: unknown, info: ErrorInfo): void {
    console.error('[hengjian] a view failed to render', e, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    const tr = translator(useAppStore.getState().locale);
    return (
      <Alert
        type="error"
        showIcon
        data-testid="view-error"
        title={tr('viewError.title')}
        description={
          <Space orientation="vertical">
            <span>{this.state.error}</span>
            <span>{tr('viewError.safe')}</span>
            <Button size="small" data-testid="view-error-retry" onClick={() => this.setState({ error: null })}>
              {tr('viewError.retry')}
            </Button>
          </Space>
        }
      />
    );
  }
}
