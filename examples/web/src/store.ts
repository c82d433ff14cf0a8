// The one workspace of the page, the commands that change it, and its
// persistence: after every successful command the new events are appended
// to IndexedDB (`exportLog(since)`: the events past what is already stored).

import { isClientcareError, Workspace, type CommandOptions } from "clientcare";
import type { Clock } from "./clock";
import { appendChunk, chunkLog, readChunks, replaceChunks } from "./idb";

export type SaveState = "saved" | "saving" | "error";

export class Store {
  ws: Workspace;
  /** The events already in IndexedDB: up to this seq. */
  private savedSeq = 0;
  private saving: Promise<void> = Promise.resolve();
  saveState: SaveState = "saved";
  saveError: string | null = null;
  /** The agent commands are issued as (null: the system). */
  actor: string | null = null;
  private listeners: (() => void)[] = [];
  private saveListeners: (() => void)[] = [];

  constructor(
    private readonly db: IDBDatabase | null,
    readonly clock: Clock,
  ) {
    this.ws = this.empty();
  }

  private empty(): Workspace {
    return new Workspace({ defaultRegion: "VN", at: this.clock.now() });
  }

  /** Reads the stored log back; an unreadable one is reported and left in place. */
  async load(): Promise<string | null> {
    if (!this.db) return "IndexedDB is not available: changes will not survive a reload.";
    const chunks = await readChunks(this.db);
    if (chunks.length === 0) return null;
    const text = chunks.map((c) => c.text).join("");
    try {
      const ws = Workspace.importLog(text);
      this.swap(ws);
      this.savedSeq = ws.seq;
      return null;
    } catch (e) {
      const code = isClientcareError(e) ? ` (${e.code})` : "";
      return `The stored event log could not be read${code}: ${(e as Error).message}. Import a log or load the demo to start again.`;
    }
  }

  opts(): CommandOptions {
    const at = this.clock.now();
    return this.actor ? { at, actor: this.actor } : { at };
  }

  /**
   * Runs a change. A failing command throws (the workspace is unchanged: the
   * core guarantees it); a successful one is persisted and the views refresh.
   */
  run<T>(change: (ws: Workspace, opts: CommandOptions) => T): T {
    const before = this.ws.seq;
    const result = change(this.ws, this.opts());
    if (this.ws.seq !== before) {
      // An erasure redacts earlier events too (the core says which): the
      // stored copy is then replaced whole so that no personal data stays
      // in IndexedDB.
      if (this.ws.takeRewritten().length > 0) void this.writeAll();
      else this.persist();
      this.emit();
    }
    return result;
  }

  /** Replaces the workspace (demo, import) and the stored log with it. */
  async replace(ws: Workspace): Promise<void> {
    this.swap(ws);
    this.emit();
    await this.writeAll();
  }

  private swap(ws: Workspace): void {
    const old = this.ws;
    this.ws = ws;
    if (old !== ws) old.free();
    if (this.actor && !this.ws.agents().some((a) => a.id === this.actor)) this.actor = null;
  }

  private writeAll(): Promise<void> {
    const ws = this.ws;
    return this.queue(async () => {
      const text = ws.exportLog();
      if (this.db) await replaceChunks(this.db, chunkLog(text, 1));
      this.savedSeq = ws.seq;
    });
  }

  /** Appends the events past the stored ones. */
  private persist(): void {
    const ws = this.ws;
    void this.queue(async () => {
      if (ws !== this.ws || ws.seq === this.savedSeq) return;
      // Only the new events (an erasure, which rewrites earlier ones, goes
      // through writeAll instead).
      const tail = ws.exportLog(this.savedSeq);
      if (this.savedSeq === 0) {
        if (this.db) await replaceChunks(this.db, chunkLog(tail, 1));
      } else if (this.db) {
        await appendChunk(this.db, { fromSeq: this.savedSeq + 1, toSeq: ws.seq, text: tail });
      }
      this.savedSeq = ws.seq;
    });
  }

  private queue(job: () => Promise<void>): Promise<void> {
    this.setSave("saving");
    this.saving = this.saving
      .then(job)
      .then(() => {
        if (this.savedSeq === this.ws.seq) this.setSave("saved");
      })
      .catch((e: unknown) => {
        this.saveError = (e as Error).message;
        this.setSave("error");
      });
    return this.saving;
  }

  get persistedSeq(): number {
    return this.savedSeq;
  }

  /** Resolves when every write so far is done. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private setSave(state: SaveState): void {
    this.saveState = state;
    for (const f of this.saveListeners) f();
  }

  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  onSave(f: () => void): void {
    this.saveListeners.push(f);
  }

  emit(): void {
    for (const f of this.listeners) f();
  }
}
