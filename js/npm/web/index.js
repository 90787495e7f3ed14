// zhnorm for browsers and bundlers, ready to use: fetches and instantiates the .wasm
// (by its URL next to this file, which bundlers rewrite to the asset they emit) before
// the module's importers run. For control over when and from where the .wasm loads,
// import "zhnorm/web" and call its default export `init` yourself.
import init from "./zhnorm.js";

await init({ module_or_path: new URL("./zhnorm_bg.wasm", import.meta.url) });

export * from "./zhnorm.js";
