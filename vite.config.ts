// Builds the embeddable widget: one minified IIFE at dist/widget/widget.js (npm run build:widget).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    // Syntax for browsers from ~2019 (Safari 13, Chrome 79); library APIs are kept to ES2019 by widget/tsconfig.json.
    target: 'es2019',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'widget/src/main.ts',
      formats: ['iife'],
      // Required by Vite for IIFE; main.ts exports nothing, so no global is created.
      name: 'proofhook',
      fileName: () => 'widget.js',
    },
  },
});
