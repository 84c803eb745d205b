/** A minimal promise wrapper over one IndexedDB object store: get, put and delete by key. */

/** Values by string key; every call is its own committed transaction. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

function done(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Open (creating on first use) database `dbName` with the single object store `storeName`. */
export function openKeyValueStore(dbName: string, storeName: string, factory: IDBFactory | undefined = globalThis.indexedDB): KeyValueStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = (): Promise<IDBDatabase> => {
    if (!factory) return Promise.reject(new Error('IndexedDB unavailable'));
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
      request.onblocked = () => reject(new Error('IndexedDB open blocked'));
    }).catch((e: unknown) => {
      opened = undefined; // let a later call try again
      throw e;
    });
    return opened;
  };
  /** Run one request in its own transaction; resolve only once the transaction has committed. */
  const run = async <T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest): Promise<T> => {
    const tx = (await db()).transaction(storeName, mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const [result] = await Promise.all([done(make(tx.objectStore(storeName))), committed]);
    return result as T;
  };
  return {
    get: <T>(key: string) => run<T | undefined>('readonly', (s) => s.get(key)),
    put: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (s) => s.delete(key));
    },
  };
}
