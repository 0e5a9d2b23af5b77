// Builds the HTML report's script (src/report/main.ts) into ONE file, dist/report/report.js:
// an IIFE with echarts, topojson-client and the CSS inside, which the C++ side
// (src/report/html_report.cc) inlines into each report. Nothing is fetched at run time.
// Run from web/ (npm run build:report). CMake (web/CMakeLists.txt) passes --outDir to put the file in the build directory.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  // Library mode leaves process.env.NODE_ENV to the consumer; the browser has no process.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/report',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    lib: {
      entry: 'src/report/main.ts',
      name: 'KokuhoReport',
      formats: ['iife'],
      fileName: () => 'report.js',
    },
  },
});
