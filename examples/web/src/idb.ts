// The event log in IndexedDB: chunks of JSON Lines appended in order
// (one per command, or large ones for a demo or an import), read back whole
// on load. Nothing else is stored: the workspace is rebuilt with importLog.

const DB_NAME = "clientcare-console";
const CHUNKS = "chunks";

export interface Chunk {
  /** The first and last sequence numbers of the events it holds. */
  fromSeq: number;
  toSeq: number;
  /** JSON Lines exactly as `exportLog` wrote them. */
  text: string;
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });

export function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(CHUNKS, { autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("cannot open IndexedDB"));
  });
}

/** Every chunk in the order written. */
export function readChunks(db: IDBDatabase): Promise<Chunk[]> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(CHUNKS, "readonly").objectStore(CHUNKS).getAll();
    req.onsuccess = () => resolve(req.result as Chunk[]);
    req.onerror = () => reject(req.error ?? new Error("cannot read IndexedDB"));
  });
}

export function appendChunk(db: IDBDatabase, chunk: Chunk): Promise<void> {
  const tx = db.transaction(CHUNKS, "readwrite");
  tx.objectStore(CHUNKS).add(chunk);
  return done(tx);
}

/** Replaces the whole stored log in one transaction. */
export function replaceChunks(db: IDBDatabase, chunks: Chunk[]): Promise<void> {
  const tx = db.transaction(CHUNKS, "readwrite");
  const store = tx.objectStore(CHUNKS);
  store.clear();
  for (const c of chunks) store.add(c);
  return done(tx);
}

/** Splits an exported log into chunks of about `size` characters (whole lines). */
export function chunkLog(text: string, firstSeq: number, size = 1 << 20): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let seq = firstSeq;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const nl = text.indexOf("\n", end);
      end = nl < 0 ? text.length : nl + 1;
    }
    const part = text.slice(start, end);
    const lines = countLines(part);
    chunks.push({ fromSeq: seq, toSeq: seq + lines - 1, text: part });
    seq += lines;
    start = end;
  }
  return chunks;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return text.endsWith("\n") || text.length === 0 ? n : n + 1;
}
