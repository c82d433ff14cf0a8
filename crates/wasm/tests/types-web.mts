// The browser build's types: init first, then the same API.
import init, { initSync, Workspace, type InitOutput, type Customer } from "clientcare/web";

export async function start(bytes: Uint8Array): Promise<Customer> {
  const out: InitOutput = await init({ module_or_path: bytes });
  void out;
  const ws = new Workspace({ seed: 1 });
  const id: string = ws.registerCustomer({ fullName: "Lê Thị Hoa" });
  return ws.customer(id);
}

export function startSync(bytes: Uint8Array): number {
  initSync({ module: bytes });
  return new Workspace().seq;
}
