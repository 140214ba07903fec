/**
 * The watcher's cycle thread from its sources, for the unit tests (../index.test.ts): tsx's loaders
 * (TypeScript, the `@/` aliases; for import and require) registered in the worker, which is started
 * with `--conditions=react-server` as Next runs server code (`server-only`), then the same entry the
 * build bundles. A worker's entry must be JavaScript: this file.
 */
import { register as registerRequire } from "tsx/cjs/api";
import { register as registerImport } from "tsx/esm/api";

registerRequire();
registerImport();
await import("../cycle-worker.ts");
