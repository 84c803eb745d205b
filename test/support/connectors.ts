import type { Connector, OpenOptions } from '../../shared/db/connector.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';

/** Suites take a Connector factory, so the same suite can run on every engine build we ship. */
export interface ConnectorFactory {
  readonly name: string;
  create(options?: OpenOptions): Promise<Connector>;
}

export const connectorFactories: readonly ConnectorFactory[] = [
  { name: 'duckdb-wasm (Node bindings, same wasm as the app)', create: createNodeConnector },
];
