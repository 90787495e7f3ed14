export * from "./zhnorm.js";
