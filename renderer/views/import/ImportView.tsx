import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Result, Steps } from 'antd';
import { errorMessage, HengjianError } from '../../../shared/contract/errors.js';
import type { CommitResult, ImportSession, Validation } from '../../../shared/ingest/pipeline/pipeline.js';
import { tableDef } from '../../../shared/model/tables.js';
import { useHost } from '../../host/host.js';
import { commit, discard, startImport, validate } from '../../state/import.js';
import { useAppStore } from '../../state/store.js';
import { FilePicker } from './FilePicker.js';
import { SheetReview } from './SheetReview.js';
import { ImportReport } from './ImportReport.js';
import { ImportProgress, readingStatus, validatingStatus } from './ImportProgress.js';
import { ImportHistory } from './ImportHistory.js';
import { DemoGuard } from './DemoGuard.js';

type Stage =
  | { step: 'pick' }
  /** `back`: where cancel returns at once (reading); without it, cancel waits for the step to stop (validation). */
  | { step: 'busy'; label: string; percent: number; back?: Stage; final?: boolean }
  | { step: 'review'; session: ImportSession }
  | { step: 'report'; validation: Validation }
  | { step: 'done'; result: CommitResult };

/** The import wizard: pick or drop files → recognition and mapping → validation report → commit. */
export function ImportView() {
  const host = useHost();
  const { message } = App.useApp();
  const setView = useAppStore((s) => s.setView);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  // Importing into the sample mixes real counties with fictional ones: asked first.
  const intoDemo = useAppStore((s) => s.importIntoDemo);
  const setIntoDemo = useAppStore((s) => s.setImportIntoDemo);
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const pending = useRef<ImportSession | Validation | null>(null);

  // Leaving the wizard mid-way stops reading and drops the import's temporary tables.
  useEffect(
    () => () => {
      abort.current?.abort();
      if (pending.current) void discard(pending.current);
    },
    [],
  );

  const fail = (e: unknown, back: Stage) => {
    setError(errorMessage(e));
    setStage(back);
  };

  const onFiles = async (files: File[]) => {
    setError(null);
    setCancelled(false);
    const ac = new AbortController();
    abort.current = ac;
    const back: Stage = { step: 'pick' };
    setStage({ step: 'busy', label: '正在读取文件…', percent: 0, back });
    try {
      const session = await startImport(files, ac.signal, (p) => !ac.signal.aborted && setStage({ step: 'busy', ...readingStatus(p), back }));
      // Cancelled while the last step was finishing: the wizard has moved on; drop what was staged.
      if (ac.signal.aborted) return void discard(session);
      pending.current = session;
      setStage({ step: 'review', session });
    } catch (e) {
      if (!ac.signal.aborted) fail(e, back);
    }
  };

  const cancel = () => {
    abort.current?.abort();
    if (stage.step === 'busy' && stage.back) {
      setError(null);
      setCancelled(true);
      setStage(stage.back);
    }
  };

  const onValidate = async (session: ImportSession) => {
    setError(null);
    abort.current = new AbortController();
    setStage({ step: 'busy', label: '正在校验全部数据行…', percent: 0 });
    try {
      const validation = await validate(session, abort.current.signal, (p) => setStage({ step: 'busy', ...validatingStatus(p) }));
      pending.current = validation;
      setStage({ step: 'report', validation });
    } catch (e) {
      if (e instanceof HengjianError && e.code === 'import.cancelled') {
        setStage({ step: 'review', session });
        void message.info('已取消校验，工作区未作任何改动。');
      } else fail(e, { step: 'review', session });
    }
  };

  const onCommit = async (validation: Validation, remember: boolean) => {
    // One transaction: once it has started it is finished, so there is nothing to cancel.
    setStage({ step: 'busy', label: '正在写入工作区…', percent: 90, final: true });
    try {
      const result = await commit(host, validation, remember);
      pending.current = null;
      setStage({ step: 'done', result });
    } catch (e) {
      pending.current = null;
      fail(e, { step: 'pick' });
    }
  };

  const restart = () => {
    if (pending.current) void discard(pending.current);
    pending.current = null;
    setError(null);
    setStage({ step: 'pick' });
  };

  const current = { pick: 0, busy: 1, review: 1, report: 2, done: 3 }[stage.step];
  return (
    <Flex vertical gap={12} data-testid="import-view">
      <Card size="small">
        <Steps size="small" current={current} items={[{ title: '选择文件' }, { title: '识别与列映射' }, { title: '校验报告' }, { title: '完成' }]} />
      </Card>
      {cancelled && stage.step === 'pick' && <Alert type="info" showIcon closable title="已取消导入，工作区未作任何改动。" data-testid="import-cancelled" onClose={() => setCancelled(false)} />}
      {error && <Alert type="error" showIcon closable title="导入失败，工作区未作任何改动" description={error} data-testid="import-error" />}
      {stage.step === 'pick' && (demo && !intoDemo ? <DemoGuard onContinue={() => setIntoDemo(true)} /> : <FilePicker onFiles={(f) => void onFiles(f)} />)}
      {stage.step === 'busy' && <ImportProgress label={stage.label} percent={stage.percent} {...(stage.final ? {} : { onCancel: cancel })} />}
      {stage.step === 'review' && (
        <SheetReview
          session={stage.session}
          onChange={(session) => {
            pending.current = session;
            setStage({ step: 'review', session });
          }}
          onError={(e) => void message.error(errorMessage(e), 8)}
          onNext={() => void onValidate(stage.session)}
          onCancel={restart}
        />
      )}
      {stage.step === 'report' && (
        <ImportReport validation={stage.validation} onCommit={(remember) => void onCommit(stage.validation, remember)} onBack={() => setStage({ step: 'review', session: stage.validation.session })} onCancel={restart} />
      )}
      {stage.step === 'done' && (
        <Result
          status="success"
          title="导入完成"
          data-testid="import-done"
          subTitle={`导入批次 ${stage.result.batchId}：${stage.result.tables.map((t) => `${tableDef(t.table).label.zh} ${t.rows} 行（其中替换 ${t.replaced} 行）`).join('；') || '没有可导入的数据'}。可在下方导入记录中撤销。`}
          extra={[
            <Button key="rank" type="primary" onClick={() => setView('ranking')}>
              查看区域排名
            </Button>,
            <Button key="more" onClick={restart}>
              继续导入
            </Button>,
          ]}
        />
      )}
      {(stage.step === 'pick' || stage.step === 'done') && <ImportHistory />}
    </Flex>
  );
}
