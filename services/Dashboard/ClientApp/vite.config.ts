import { defineConfig } from "vite";

// Served by the Dashboard service under /dashboard/ (the gateway's page route), so every asset URL starts there.
export default defineConfig({
  base: "/dashboard/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, target: "es2020", chunkSizeWarningLimit: 200 },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
