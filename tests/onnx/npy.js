'use strict';
// Minimal .npy (NumPy format 1.0/2.0/3.0) reader and writer: C-order arrays of the few dtypes the
// export tests exchange. Kept dependency-free so the runner needs nothing but onnxruntime-node.
const fs = require('fs');

const DTYPES = {
  '<f4': { type: 'float32', Array: Float32Array },
  '<f8': { type: 'float64', Array: Float64Array },
  '<i8': { type: 'int64', Array: BigInt64Array },
  '<i4': { type: 'int32', Array: Int32Array },
  '|u1': { type: 'uint8', Array: Uint8Array },
  '|b1': { type: 'bool', Array: Uint8Array },
};

function readNpy(path) {
  const buf = fs.readFileSync(path);
  if (buf.readUInt8(0) !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') {
    throw new Error(`${path}: not a .npy file`);
  }
  const major = buf.readUInt8(6);
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) throw new Error(`${path}: unreadable header ${header}`);
  if (fortran[1] === 'True') throw new Error(`${path}: Fortran-order arrays are not supported`);
  const dtype = DTYPES[descr[1]];
  if (!dtype) throw new Error(`${path}: dtype ${descr[1]} is not supported`);
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  // Copy into a fresh, aligned buffer: typed arrays need offsets that are multiples of the element size.
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + offset + count * dtype.Array.BYTES_PER_ELEMENT));
  return { type: dtype.type, dims, data: new dtype.Array(bytes.buffer, 0, count) };
}

function writeNpy(path, type, dims, data) {
  const descr = Object.keys(DTYPES).find((k) => DTYPES[k].type === type);
  if (!descr) throw new Error(`cannot write dtype ${type}`);
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // Pad with spaces so that magic + header ends on a 64-byte boundary, then a newline (format 1.0).
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.writeUInt8(0x93, 0);
  head.write('NUMPY', 1, 'latin1');
  head.writeUInt8(1, 6);
  head.writeUInt8(0, 7);
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  fs.writeFileSync(path, Buffer.concat([head, Buffer.from(header, 'latin1'), body]));
}

module.exports = { readNpy, writeNpy };
