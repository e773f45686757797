export { load, tensorsFromRaw, type LoadOptions } from "./load.js";
