import { defineConfig } from "vite";

// The clientcare package is a local link (crates/wasm/pkg): Vite follows it to
// its real path, so the dev server must be allowed to read there. In the
// build, its `new URL("clientcare_bg.wasm", import.meta.url)` becomes an asset.
export default defineConfig({
  base: "./",
  server: { host: "127.0.0.1", fs: { allow: ["..", "../../crates/wasm/pkg"] } },
  preview: { host: "127.0.0.1" },
  build: { target: "es2022", chunkSizeWarningLimit: 1024 },
});
