/**
 * Answers that depend only on the stored tables, kept while the derived tables are current (derived-state.ts):
 * every write to the stored tables moves the database to a new generation, so an answer memoised under the
 * generation of a ready build is the answer the stored tables give now. While no build is current (a write in
 * flight, a build running, or tests that write around `writing`), nothing is kept and every call asks the engine.
 *
 * It saves the views a round trip each for what does not change between two clicks (the indicator catalogue, a
 * level's validity changes): duckdb-wasm costs about 1–5 ms a statement whatever its size.
 */
import type { Connector } from '../db/connector.js';
import { derivedGeneration, derivedReady } from '../db/derived-state.js';

interface Memo {
  readonly generation: number;
  readonly answers: Map<string, Promise<unknown>>;
}

const memos = new WeakMap<Connector, Memo>();

/** `ask()`'s answer, reused under `key` while the derived tables stay current (see the module comment). */
export function memoWhileDerived<T>(db: Connector, key: string, ask: () => Promise<T>): Promise<T> {
  if (!derivedReady(db)) return ask();
  const generation = derivedGeneration(db);
  let memo = memos.get(db);
  if (!memo || memo.generation !== generation) {
    memo = { generation, answers: new Map() };
    memos.set(db, memo);
  }
  const hit = memo.answers.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const answer = ask();
  const own = memo;
  own.answers.set(key, answer);
  // A failed question is not kept: the next call asks again.
  answer.catch(() => own.answers.get(key) === answer && own.answers.delete(key));
  return answer;
}
