import { defineConfig } from "vite";

// Two pages, one build: the dashboard (index.html, /dashboard/) and the committees' workspace (workspace.html, /workspace/),
// both served by the Dashboard service; their shared assets are under /dashboard/assets, so every asset URL starts there.
export default defineConfig({
  base: "/dashboard/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist", emptyOutDir: true, target: "es2020", chunkSizeWarningLimit: 200,
    rollupOptions: { input: { index: "index.html", workspace: "workspace.html" } },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
