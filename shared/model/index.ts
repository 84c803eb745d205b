export * from './schema.js';
export * from './tables.js';
export * from './vocab.js';
export * from './region-code.js';
export * from './period.js';
export * from './ddl.js';
