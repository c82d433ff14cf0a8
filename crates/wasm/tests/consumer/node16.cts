// A Node CommonJS consumer (moduleResolution node16, .cts): `require("clientcare")`.
import cc = require("clientcare");

const ws = new cc.Workspace({ seed: 2 });
const seq: number = ws.seq;
// @ts-expect-error: the options object has no such key
new cc.Workspace({ sed: 2 });
export = seq;
