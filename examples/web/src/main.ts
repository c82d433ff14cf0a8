// Boot: load the WebAssembly module, read the stored log, mount the page.

import init from "clientcare";
import { App } from "./app";
import { Clock } from "./clock";
import { setDisplayZone } from "./dom";
import { openDb } from "./idb";
import { Store } from "./store";
import "./style.css";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  await init();
  const params = new URLSearchParams(location.search);
  const zone = params.get("tz");
  if (zone) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      setDisplayZone(zone);
    } catch {
      // an unknown zone: keep the default
    }
  }
  const clock = new Clock(location.search);
  let db: IDBDatabase | null = null;
  try {
    db = await openDb();
  } catch {
    db = null;
  }
  const store = new Store(db, clock);
  const problem = await store.load();
  const app = new App(store, clock);
  root.replaceChildren();
  app.mount(root);
  if (problem) app.notify("error", problem);
  document.body.dataset["ready"] = "true";
}

boot().catch((e: unknown) => {
  const root = document.getElementById("app");
  if (root) root.textContent = `The console could not start: ${(e as Error).message}`;
  console.error(e);
});
