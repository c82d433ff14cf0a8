// A bundler consumer (moduleResolution bundler): "clientcare" resolves through
// the "import" condition to the web build, whose default export is the async init.
import init, { initSync, Workspace, type InitOutput } from "clientcare";

export async function start(url: URL): Promise<number> {
  const out: InitOutput = await init({ module_or_path: url });
  void out;
  return new Workspace({ seed: 3 }).seq;
}
export function startSync(bytes: BufferSource): string {
  initSync({ module: bytes });
  const ws = new Workspace();
  // @ts-expect-error: registerCustomer needs a fullName
  ws.registerCustomer({});
  return ws.registerCustomer({ fullName: "Lê Thị Hoa" });
}
