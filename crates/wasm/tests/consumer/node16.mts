// A Node ESM consumer (moduleResolution node16): `import "clientcare"` resolves
// through the exports map's "node" condition to node/clientcare.d.ts.
import { Workspace, isClientcareError, type Customer, type SearchResults } from "clientcare";
import type { Workspace as WebWorkspace } from "clientcare/web";

const ws: Workspace = new Workspace({ defaultRegion: "VN", seed: 1 });
const id: string = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["090 123 4567"] });
const who: Customer = ws.customer(id);
const found: SearchResults = ws.searchCustomers("nguyen van duc", { limit: 5 });
const n: number = ws.applyLog("");
const e: unknown = new Error("x");
const isErr: boolean = isClientcareError(e);
// @ts-expect-error: searchCustomers takes text
ws.searchCustomers(42);
export const out: [Customer, SearchResults, number, boolean, WebWorkspace | null] = [who, found, n, isErr, null];
