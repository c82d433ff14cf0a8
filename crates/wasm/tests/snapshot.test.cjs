// Workspace snapshots: the state as bytes, reopened with the whole log.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, T0, at, fresh, throwsCode } = require("./helpers.cjs");
const { Workspace } = cc;

function story(ws) {
  const mai = ws.registerAgent({ name: "Trần Thị Mai", team: "care" }, { at: at() });
  const duc = ws.registerCustomer(
    { fullName: "Nguyễn Văn Đức", emails: ["duc@example.vn"], phones: ["0901234567"], tags: ["vip"], owner: mai },
    { at: at(1), actor: mai },
  );
  ws.logInteraction({ customer: duc, channel: "live_chat", summary: "Hỏi về bảo hành" }, { at: at(2), actor: mai });
  ws.changeLifecycle({ customer: duc, to: "customer" }, { at: at(3) });
  return { mai, duc };
}

test("a snapshot and the log reopen an equal workspace", () => {
  const ws = fresh();
  story(ws);
  const snap = ws.snapshot();
  assert.ok(snap instanceof Uint8Array);
  assert.equal(String.fromCharCode(...snap.slice(1, 7)), "CCSNAP");
  const back = Workspace.fromSnapshot(snap, ws.exportLog(), 1);
  assert.ok(back.equals(ws));
  assert.equal(back.seq, ws.seq);
  // The same state gives the same bytes.
  assert.deepEqual(back.snapshot(), snap);
});

test("the events after the snapshot are applied, an erasure among them too", () => {
  const ws = fresh();
  const { duc } = story(ws);
  const snap = ws.snapshot();
  ws.tagCustomer(duc, ["later"], { at: at(5) });
  ws.eraseCustomer(duc, { at: at(6) });
  const back = Workspace.fromSnapshot(snap, ws.exportLog());
  assert.ok(back.equals(ws));
  assert.ok(!back.exportLog().includes("duc@example.vn"));
});

test("damaged or foreign snapshots throw corrupt_snapshot", () => {
  const ws = fresh();
  story(ws);
  const snap = ws.snapshot();
  const log = ws.exportLog();
  const damaged = snap.slice();
  damaged[damaged.length >> 1] ^= 1;
  const e = throwsCode(() => Workspace.fromSnapshot(damaged, log), "corrupt_snapshot");
  assert.match(e.details.reason, /checksum/);
  assert.match(e.message, /replaying its events/);
  const short = log.split("\n").slice(0, -2).join("\n") + "\n";
  throwsCode(() => Workspace.fromSnapshot(snap, short), "corrupt_snapshot");
  throwsCode(() => Workspace.fromSnapshot(new Uint8Array([1, 2, 3]), log), "corrupt_snapshot");
  throwsCode(() => Workspace.fromSnapshot("bytes", log), "invalid_input", { field: "snapshot" });
  // A bad line after the snapshot is the log's fault.
  const first = new Workspace({ defaultRegion: "VN", seed: 7, at: T0 }).snapshot();
  throwsCode(() => Workspace.fromSnapshot(first, log.replace('"seq":2,', '"seq":5,')), "corrupt_log", { line: 2 });
});
