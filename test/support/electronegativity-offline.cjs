/**
 * Preloaded (node -r) into Electronegativity so that it cannot reach the network: the tool fetches translations
 * with `got` on every start (and the excluded AvailableSecurityFixesGlobalCheck would fetch Electron releases).
 * `got` is replaced by a function that refuses, and any socket connect throws; each attempt is logged on stderr.
 *
 * It also makes the tool's CSV output deterministic. The tool writes the header with an asynchronous
 * fs.writeFile(flag 'w') and then the findings with a second asynchronous fs.writeFile(flag 'a'), without waiting
 * for the first: under load the truncating header write can land after the findings, or the two interleave, and a
 * run reported 1 of its 9 findings as one garbled row (CI, stop 23). Here fs.writeFile runs synchronously, in call
 * order, and then calls back.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for node -r */
const Module = require('node:module');
const net = require('node:net');
const fs = require('node:fs');

fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  let error = null;
  try {
    fs.writeFileSync(file, data, opts);
  } catch (e) {
    error = e;
  }
  if (done) process.nextTick(done, error);
};

const load = Module._load;
Module._load = function offlineLoad(request, ...rest) {
  if (request === 'got') {
    return (url) => {
      process.stderr.write(`electronegativity-offline: refused got ${String(url)}\n`);
      return Promise.reject(new Error('network disabled (electronegativity-offline.cjs)'));
    };
  }
  return load.call(this, request, ...rest);
};

net.Socket.prototype.connect = function offlineConnect() {
  process.stderr.write('electronegativity-offline: refused socket connect\n');
  throw new Error('network disabled (electronegativity-offline.cjs)');
};
