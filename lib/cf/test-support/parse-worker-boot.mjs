/**
 * A list-page parse thread from its sources, for the unit tests (../parse-threads.test.ts): tsx's
 * loaders registered in the worker, then the same entry the build bundles. A worker's entry must be
 * JavaScript: this file.
 */
import { register as registerRequire } from "tsx/cjs/api";
import { register as registerImport } from "tsx/esm/api";

registerRequire();
registerImport();
await import("../parse-worker.ts");
