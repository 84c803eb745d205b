/**
 * One engine, cancellable statements where asked, and a dead engine said so.
 *
 * duckdb-wasm runs a statement sent with `send` in steps, polled by the page, and `cancelSent` stops it between two
 * steps (measured in Chromium: a 3M × 200k join cancelled 500 ms in ended 20 ms later, and the connection answered
 * the next query). But every step, and every 2,048-row chunk of the result, is a round trip through the page's main
 * thread: with the app busy drawing, a view switch that reached the worker in 1.8 s took 9.4 s when every statement
 * was sent that way (Chromium, load 17). So only statements asked for as cancellable (the long builds a user may
 * want to stop, such as a period's warnings at national scale) are sent; the rest run as one message each, as before.
 *
 * A sent statement pends on the connection between polls, and any other statement on that connection would replace
 * it, so the gate keeps the order asked: plain statements are posted at once, together, as before; a sent statement
 * starts once those posted before it have answered, and statements asked after it wait for it (first asked, first
 * started, so a chain of sent statements cannot starve a view's query). Without a sent statement, nothing waits.
 *
 * A statement may also carry an AbortSignal (the app's background work: the derived tables' build, the warnings
 * prefetch): aborted, it is taken out of the queue if it has not started, and a sent one is cancelled; a plain one
 * already posted runs to its end. Background work is not sent (sending the sample's derived build made it take
 * 9.4 s instead of ~2 s in Chromium, each polling step a round trip through a busy page); it stops between its
 * statements, so a workspace change waits for one statement at most.
 *
 * A WebAssembly trap (the wasm heap exhausted: "memory access out of bounds", "table index is out of bounds") leaves
 * duckdb-wasm unusable: every later statement fails too. The gate then refuses every statement with the same clear
 * error (engine.crashed), at once, and reports it once, so the app can offer to restart the engine from the last
 * autosave. DuckDB's own "Out of Memory Error" is not a crash: that statement fails and the engine goes on.
 */
import { HengjianError } from '../contract/errors.js';

/** What the gate needs of an engine: run a statement (or a script) in one message; send one cancellably; cancel it. */
export interface SendingEngine<T> {
  query(sql: string): Promise<T>;
  send(sql: string): Promise<T>;
  /** Stop the sent statement in flight; true when one was stopped. */
  cancelSent(): Promise<boolean>;
}

export interface GateEvents {
  /** A cancellable statement started (its start time, performance.now()) or ended (null). */
  onBusy?(since: number | null): void;
  /** The engine stopped for good (reported once). */
  onCrash?(error: HengjianError): void;
}

/** How a statement runs: see QueryOptions in connector.ts. */
export interface GateOptions {
  readonly cancellable?: boolean;
  readonly signal?: AbortSignal;
}

export interface QueryGate<T> {
  /** Run a statement; `cancellable` sends it so that cancel() can stop it; `signal` takes it out of the queue (and stops it when sent). */
  run(sql: string, options?: GateOptions): Promise<T>;
  /** Cancel the cancellable statement running now (those queued behind it still run); false when none was stopped. */
  cancel(): Promise<boolean>;
  /** Mark the engine dead from outside (its worker failed): the statement in flight and every later one fail. */
  fail(cause: unknown): void;
  /** The error every statement now fails with, or null while the engine works. */
  readonly crashed: HengjianError | null;
}

const TRAP = /memory access out of bounds|table index is out of bounds|RuntimeError|Aborted\(|\bunreachable\b|null function or function signature mismatch/i;

/** True for an error after which the wasm engine cannot run another statement. */
export function isEngineCrash(e: unknown): boolean {
  if (e instanceof HengjianError) return e.code === 'engine.crashed';
  const m = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return TRAP.test(m);
}

export function crashedError(cause: unknown): HengjianError {
  const m = cause instanceof Error ? cause.message : String(cause);
  return new HengjianError(
    'engine.crashed',
    '数据库引擎已停止运行（多半是内存不足：duckdb-wasm 的上限约 3 GiB）。已保存和自动保存的工作区不受影响；请重新启动引擎，从最近一次自动保存恢复工作区，再缩小范围后重试。',
    { engine: m.slice(0, 300) },
  );
}

export function cancelledError(): HengjianError {
  return new HengjianError('engine.cancelled', '计算已取消，结果未显示。可点击「重新计算」再次运行。');
}

const CANCELLED = /cancel/i;

interface Job<T> {
  readonly sql: string;
  /** Sent, shown as 正在计算 and stopped by cancel(): it runs alone. */
  readonly cancellable: boolean;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (v: T) => void;
  readonly reject: (e: unknown) => void;
  cancelAsked: boolean;
  abort: (e: unknown) => void;
  /** Takes the job out of the queue when its signal aborts while it waits; removed when it starts. */
  onWaitAbort?: () => void;
}

export function queryGate<T>(engine: SendingEngine<T>, events: GateEvents = {}, now: () => number = () => performance.now()): QueryGate<T> {
  /** Asked and not started, in the order asked: plain statements start together, a sent one alone. */
  const waiting: Job<T>[] = [];
  /** Started and not answered. */
  const inFlight = new Set<Job<T>>();
  let running: Job<T> | null = null;
  let crashed: HengjianError | null = null;

  const crash = (cause: unknown): HengjianError => {
    if (!crashed) {
      crashed = cause instanceof HengjianError && cause.code === 'engine.crashed' ? cause : crashedError(cause);
      events.onCrash?.(crashed);
    }
    return crashed;
  };

  const start = (job: Job<T>) => {
    if (job.onWaitAbort) job.signal?.removeEventListener('abort', job.onWaitAbort);
    inFlight.add(job);
    if (job.cancellable) {
      running = job;
      events.onBusy?.(now());
    }
    const aborted = new Promise<never>((_, reject) => {
      job.abort = reject;
    });
    const onAbort = () => {
      job.cancelAsked = true;
      void engine.cancelSent();
    };
    if (job.cancellable) job.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      job.signal?.removeEventListener('abort', onAbort);
      inFlight.delete(job);
      if (running === job) {
        running = null;
        events.onBusy?.(null);
      }
    };
    Promise.race([job.cancellable ? engine.send(job.sql) : engine.query(job.sql), aborted]).then(
      (v) => {
        finish();
        job.resolve(v);
        dispatch();
      },
      (e: unknown) => {
        finish();
        if (crashed) job.reject(crashed);
        else if (isEngineCrash(e)) job.reject(crash(e));
        else if (job.cancelAsked && CANCELLED.test(e instanceof Error ? e.message : String(e))) job.reject(cancelledError());
        else job.reject(e);
        dispatch();
      },
    );
  };

  /** Start what may start: plain statements while no sent one runs; a sent one once nothing else is in flight. */
  const dispatch = () => {
    while (waiting.length > 0) {
      if (crashed) {
        for (const job of waiting.splice(0)) job.reject(crashed);
        return;
      }
      if (running) return;
      const head = waiting[0]!;
      if (head.signal?.aborted) {
        waiting.shift();
        head.reject(cancelledError());
        continue;
      }
      if (head.cancellable && inFlight.size > 0) return;
      waiting.shift();
      start(head);
    }
  };

  return {
    run(sql, options = {}) {
      if (crashed) return Promise.reject(crashed);
      const { cancellable = false, signal } = options;
      if (signal?.aborted) return Promise.reject(cancelledError());
      return new Promise<T>((resolve, reject) => {
        const job: Job<T> = { sql, cancellable, signal, resolve, reject, cancelAsked: false, abort: () => undefined };
        waiting.push(job);
        // Aborted while it waits: out of the queue at once.
        if (signal) {
          job.onWaitAbort = () => {
            if (!waiting.includes(job)) return;
            waiting.splice(waiting.indexOf(job), 1);
            reject(cancelledError());
            dispatch();
          };
          signal.addEventListener('abort', job.onWaitAbort, { once: true });
        }
        dispatch();
      });
    },
    async cancel() {
      const r = running;
      if (!r || crashed) return false;
      r.cancelAsked = true;
      return engine.cancelSent();
    },
    fail(cause) {
      const e = crash(cause);
      for (const job of inFlight) job.abort(e);
      dispatch();
    },
    get crashed() {
      return crashed;
    },
  };
}
