// zhnorm for Node as an ES module: the CommonJS build (node/zhnorm.js, which loads the
// .wasm beside it synchronously) re-exported by name.
import zhnorm from "./zhnorm.js";

export const {
  normalize,
  opencc,
  detect,
  Converter,
  targets,
  configs,
  formats,
  version,
} = zhnorm;
export default zhnorm;
