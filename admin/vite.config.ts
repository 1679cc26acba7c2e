// Builds the admin page (Preact + TypeScript) into dist/admin: `npm run build:admin`. The preview
// script keeps a fixed name because the server-rendered preview page links it.
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: `${here}/../dist/admin`,
    emptyOutDir: true,
    // Current Chromium, Firefox and Safari; the admin is not embedded anywhere else.
    target: 'es2022',
    // No preload polyfill and no dynamic imports: nothing is injected into the page at run time.
    modulePreload: false,
    sourcemap: false,
    rolldownOptions: {
      input: { main: `${here}/index.html`, preview: `${here}/src/preview/main.ts` },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'preview' ? 'assets/preview.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
