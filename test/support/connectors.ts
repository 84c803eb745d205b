import type { Connector, OpenOptions } from '../../shared/db/connector.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { buildDerived } from '../../shared/analytics/derived.js';
import { loadWorkspace } from '../../shared/workspace/load.js';

/** Suites take a Connector factory, so the same suite can run on every engine build we ship. */
export interface ConnectorFactory {
  readonly name: string;
  create(options?: OpenOptions): Promise<Connector>;
}

export const connectorFactories: readonly ConnectorFactory[] = [
  { name: 'duckdb-wasm (Node bindings, same wasm as the app)', create: createNodeConnector },
];

/** A fresh engine with a workspace loaded and its derived tables built (the suites on the derived tables). */
export async function derivedEngine(factory: ConnectorFactory, read: Parameters<typeof loadWorkspace>[1]): Promise<Connector> {
  const db = await factory.create();
  await loadWorkspace(db, read);
  await buildDerived(db);
  return db;
}
