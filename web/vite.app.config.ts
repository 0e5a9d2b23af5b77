// Builds the local web app (src/app, served by `kokuho serve`) into dist/app: index.html and
// hashed assets with echarts and topojson-client inside; nothing is fetched from the network
// at run time. Run from web/ (npm run build:app). CMake (web/app.cmake) passes --outDir to put
// it in the build directory, then embeds the files in the binary.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/app',
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: '../../dist/app',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
  },
});
