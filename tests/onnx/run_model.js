'use strict';
// Runs an ONNX model in ONNX Runtime (CPU) for the export tests.
//
//   node run_model.js MODEL.onnx SETDIR [SETDIR...]
//
// Each SETDIR holds one run's inputs as in_<input name>.npy; the outputs are written beside them as
// actual_<output name>.npy. Every input the model declares must be there, so a graph that
// expects an input the test did not mean to give fails loudly.
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
const { readNpy, writeNpy } = require('./npy');

async function main() {
  const [model, ...sets] = process.argv.slice(2);
  if (!model || sets.length === 0) {
    console.error('usage: node run_model.js MODEL.onnx SETDIR [SETDIR...]');
    process.exit(2);
  }
  // One thread: tests run in parallel, and results must not depend on the thread count.
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  for (const dir of sets) {
    const feeds = {};
    for (const name of session.inputNames) {
      const file = path.join(dir, `in_${name}.npy`);
      if (!fs.existsSync(file)) throw new Error(`${dir}: no ${path.basename(file)} for model input '${name}'`);
      const a = readNpy(file);
      feeds[name] = new ort.Tensor(a.type, a.data, a.dims);
    }
    const results = await session.run(feeds);
    for (const name of session.outputNames) {
      const t = results[name];
      writeNpy(path.join(dir, `actual_${name}.npy`), t.type, t.dims, t.data);
    }
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
