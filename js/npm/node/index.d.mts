import * as zhnorm from "./zhnorm.js";
export * from "./zhnorm.js";
export default zhnorm;
